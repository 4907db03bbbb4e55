import { describe, expect, it } from 'vitest';
import { en } from './en';
import { ja } from './ja';
import { format } from './messages';

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();
}

describe('catalogues', () => {
  it('ja has the same sections and keys as en', () => {
    expect(Object.keys(ja).sort()).toEqual(Object.keys(en).sort());
    for (const section of Object.keys(en) as (keyof typeof en)[]) {
      expect(Object.keys(ja[section]).sort(), section).toEqual(Object.keys(en[section]).sort());
    }
  });

  it('ja uses the same placeholders as en in every message', () => {
    for (const section of Object.keys(en) as (keyof typeof en)[]) {
      const enSection: Record<string, string> = en[section];
      const jaSection: Record<string, string> = ja[section];
      for (const key of Object.keys(enSection)) {
        expect(placeholders(jaSection[key] ?? ''), `${section}.${key}`).toEqual(placeholders(enSection[key] ?? ''));
      }
    }
  });
});

describe('format', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(format('Hello {name}, {missing}', { name: 'Ada' })).toBe('Hello Ada, {missing}');
  });
});
