import { describe, expect, it } from 'vitest';
import { ApiError } from '@/lib/api/errors';
import { parseUsername } from './username';

describe('parseUsername', () => {
  it('keeps the typed form for display and folds case for uniqueness', () => {
    expect(parseUsername('  Alice.Smith ')).toEqual({ display: 'Alice.Smith', key: 'alice.smith' });
  });

  it('accepts non-Latin letters', () => {
    expect(parseUsername('たろう_01').key).toBe('たろう_01');
  });

  it('normalises compatibility forms (full-width letters)', () => {
    expect(parseUsername('ＡＢＣ').display).toBe('ABC');
  });

  it.each(['ab', 'a'.repeat(33), 'has space', 'semi;colon', '<script>'])('refuses %j', (input) => {
    expect(() => parseUsername(input)).toThrow(ApiError);
    expect(() => parseUsername(input)).toThrow(/not a valid username/);
  });
});
