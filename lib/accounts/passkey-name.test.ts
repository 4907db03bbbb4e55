import { describe, expect, it } from 'vitest';
import { parsePasskeyName } from './passkey-name';

describe('parsePasskeyName', () => {
  it('trims and keeps what was typed, any script', () => {
    expect(parsePasskeyName('  Work laptop ')).toBe('Work laptop');
    expect(parsePasskeyName('仕事用のパソコン')).toBe('仕事用のパソコン');
  });

  it('counts characters, not UTF-16 units', () => {
    expect(parsePasskeyName('🔑'.repeat(64))).toHaveLength(128);
  });

  it.each([['empty', '   '], ['too long', 'x'.repeat(65)], ['a control character', 'a\u0007b'], ['a right-to-left override', 'abc\u202Egpj.exe']])('refuses %s', (_case, input) => {
    expect(() => parsePasskeyName(input)).toThrow(/1 to 64 characters/);
  });
});
