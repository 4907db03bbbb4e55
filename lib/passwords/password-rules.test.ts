import { describe, expect, it } from 'vitest';
import commonPasswords from '@/data/common-passwords.json';
import { impossiblePassword, passwordProblem, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password-rules';

const problem = (password: string, username = 'alice') => passwordProblem(password, username);

describe('passwordProblem', () => {
  it('accepts a long passphrase, with no composition rules', () => {
    expect(problem('correct horse battery staple')).toBeNull();
    expect(problem('all lower case letters')).toBeNull();
    expect(problem('        ')).toBeNull();
  });

  it('counts length in code points: 8 is enough, 7 is too short; 128 is the most, 129 too long', () => {
    expect(PASSWORD_MIN_LENGTH).toBe(8);
    expect(PASSWORD_MAX_LENGTH).toBe(128);
    expect(problem('x7k2m9q')).toBe('too-short');
    expect(problem('x7k2m9qa')).toBeNull();
    expect(problem('x'.repeat(128))).toBeNull();
    expect(problem('x'.repeat(129))).toBe('too-long');
    // Astral characters are two UTF-16 units but one character each.
    expect(problem('🔑'.repeat(7))).toBe('too-short');
    expect(problem('🔑'.repeat(8))).toBeNull();
    expect(problem('🔑'.repeat(128))).toBeNull();
    expect(problem('🔑'.repeat(129))).toBe('too-long');
  });

  it('measures the NFKC form: ligatures count as the letters they stand for', () => {
    // Four ligatures ("ﬁ", "ﬂ") are four characters as typed, eight once normalised.
    expect(problem('ﬁﬂﬁﬂ')).toBeNull();
    expect(problem('ﬁﬂﬁ')).toBe('too-short');
  });

  it('refuses a commonly used password in any letter case, width or composition', () => {
    expect(problem('password')).toBe('common');
    expect(problem('PassWord')).toBe('common');
    expect(problem('BASEBALL')).toBe('common');
    expect(problem('ｐａｓｓｗｏｒｄ')).toBe('common');
    expect(problem('12345678')).toBe('common');
    expect(problem('password9x')).toBeNull();
  });

  it('refuses the username as the password, in any letter case', () => {
    expect(problem('alice.smith', 'Alice.Smith')).toBe('same-as-username');
    expect(problem('ALICE.SMITH', ' alice.smith ')).toBe('same-as-username');
    expect(problem('alice.smith!', 'alice.smith')).toBeNull();
  });

  it('refuses control characters and lone surrogates, and allows emoji sequences', () => {
    for (const password of ['abcd\u0000efgh', 'abcd\u001befgh', 'abcd\nefgh', 'abcd\u007fefgh', 'abcd\u0085efgh', 'abcd\ud800efgh']) {
      expect(problem(password), JSON.stringify(password)).toBe('control-characters');
    }
    // A family emoji is joined with U+200D, a format character.
    expect(problem('👩‍👩‍👧 at home')).toBeNull();
  });
});

describe('impossiblePassword', () => {
  it('names only what no stored password can be', () => {
    expect(impossiblePassword('short')).toBeNull();
    expect(impossiblePassword('password')).toBeNull();
    expect(impossiblePassword('x'.repeat(129))).toBe('too-long');
    expect(impossiblePassword('nul\u0000inside')).toBe('control-characters');
  });
});

describe('the bundled list of common passwords', () => {
  it('holds only what the rules would otherwise accept: 8 to 128 characters, lower case, once each', () => {
    expect(commonPasswords.length).toBeGreaterThanOrEqual(300);
    expect(commonPasswords.length).toBeLessThanOrEqual(1000);
    expect(new Set(commonPasswords).size).toBe(commonPasswords.length);
    for (const entry of commonPasswords) {
      expect([...entry].length, entry).toBeGreaterThanOrEqual(8);
      expect(entry, entry).toBe(entry.normalize('NFKC').toLocaleLowerCase('und'));
      expect(passwordProblem(entry, 'nobody'), entry).toBe('common');
    }
  });
});
