import { describe, expect, it } from 'vitest';
import { parseDisplayName } from './display-name';

describe('parseDisplayName', () => {
  it('trims and keeps what was typed, any script; blank means none', () => {
    expect(parseDisplayName('  Alice Example ')).toBe('Alice Example');
    expect(parseDisplayName('山田 花子')).toBe('山田 花子');
    expect(parseDisplayName('   ')).toBeUndefined();
    expect(parseDisplayName(undefined)).toBeUndefined();
  });

  it.each([
    ['NUL', 'a\u0000b'],
    ['a lone surrogate', 'a\ud800b'],
    ['a right-to-left override', 'abc\u202Egpj.exe'],
    ['a bidi isolate', 'a\u2066b'],
    ['a zero-width joiner', 'a\u200Db'],
    ['too long', 'x'.repeat(65)],
  ])('refuses %s with INVALID_DISPLAY_NAME', (_case, input) => {
    expect(() => parseDisplayName(input)).toThrow(expect.objectContaining({ code: 'INVALID_DISPLAY_NAME' }));
  });
});
