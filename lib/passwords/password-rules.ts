import commonPasswords from '@/data/common-passwords.json';

/**
 * Password rules after NIST SP 800-63B (§3.1.1.2, memorized secrets): length is what makes a
 * password hard to guess, so there is a floor and a generous ceiling, and no composition rules
 * (they push people towards "Password1!"). Instead, passwords that attackers try first are
 * refused. Pure, so the sign-up form can say which rule failed before anything is sent.
 */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

/** Which rule a password breaks; the form names it, the API answers it as INVALID_PASSWORD. */
export type PasswordProblem = 'too-short' | 'too-long' | 'common' | 'same-as-username' | 'control-characters';

// Compared in lower case, so "PASSWORD" and "Password" are refused with "password".
const COMMON = new Set<string>(commonPasswords);

/**
 * The form a password is hashed and measured in. NFKC, as 800-63B asks, so the same password
 * typed on two keyboards (full-width digits, a composed or decomposed accent) is the same secret.
 */
export function normalizePassword(password: string): string {
  return password.normalize('NFKC');
}

/**
 * Control characters (NUL, escape, line breaks) are never part of a password someone types;
 * lone surrogates are not text at all and would be hashed as U+FFFD, so two different inputs
 * would share one hash. Format characters stay allowed: emoji sequences need the zero-width joiner.
 */
const UNTYPABLE = /[\p{Cc}\p{Cs}]/u;

/**
 * What no stored password can be, since every one passed these checks at sign-up: at sign-in,
 * such an input is a malformed request, refused as one, not a guess to count.
 */
export function impossiblePassword(password: string): 'control-characters' | 'too-long' | null {
  const normalized = normalizePassword(password);
  if (UNTYPABLE.test(normalized)) return 'control-characters';
  return [...normalized].length > PASSWORD_MAX_LENGTH ? 'too-long' : null;
}

/**
 * The first rule `password` breaks for an account called `username`, or null when it is
 * acceptable. Length counts code points of the normalised form, so an emoji is one character
 * whatever its UTF-16 length.
 */
export function passwordProblem(password: string, username: string): PasswordProblem | null {
  const impossible = impossiblePassword(password);
  if (impossible) return impossible;
  const normalized = normalizePassword(password);
  if ([...normalized].length < PASSWORD_MIN_LENGTH) return 'too-short';
  const folded = normalized.toLocaleLowerCase('und');
  if (COMMON.has(folded)) return 'common';
  if (folded === username.normalize('NFKC').trim().toLocaleLowerCase('und')) return 'same-as-username';
  return null;
}
