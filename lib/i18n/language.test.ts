import { describe, expect, it } from 'vitest';
import { siteById } from '@/lib/sites/config';
import { defaultLanguage, htmlLang } from './language';
import { isLanguage } from './languages';

function site(id: string) {
  const found = siteById(id);
  if (!found) throw new Error(`no site ${id}`);
  return found;
}

describe('language selection', () => {
  it('opens each site in its locale language', () => {
    expect(defaultLanguage(site('shop'))).toBe('en');
    expect(defaultLanguage(site('uk'))).toBe('en');
    expect(defaultLanguage(site('jp'))).toBe('ja');
  });

  it('keeps the regional locale in <html lang> only for the site language', () => {
    expect(htmlLang(site('uk'), 'en')).toBe('en-GB');
    expect(htmlLang(site('uk'), 'ja')).toBe('ja');
    expect(htmlLang(site('jp'), 'en')).toBe('en');
  });

  it('accepts only catalogued languages', () => {
    expect(isLanguage('ja')).toBe(true);
    expect(isLanguage('fr')).toBe(false);
    expect(isLanguage(undefined)).toBe(false);
  });
});
