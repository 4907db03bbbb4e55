import { ApiError } from '@/lib/api/errors';

const USERNAME = /^[\p{L}\p{N}._-]{3,32}$/u;

export interface Username {
  /** As the person typed it (after Unicode normalisation): what the site shows. */
  display: string;
  /** Case-folded: what uniqueness is decided on, so "Alice" and "alice" are one account. */
  key: string;
}

/** The case-folded form of what was typed, valid or not: for comparing with a stored key. */
export function usernameKey(input: string): string {
  return input.normalize('NFKC').trim().toLocaleLowerCase('und');
}

/** Validates and normalises a username, or throws INVALID_USERNAME naming the rule. */
export function parseUsername(input: string): Username {
  const display = input.normalize('NFKC').trim();
  if (!USERNAME.test(display)) {
    throw new ApiError('INVALID_USERNAME', `"${display.slice(0, 40)}" is not a valid username: use 3 to 32 letters, digits, dots, hyphens or underscores.`);
  }
  return { display, key: usernameKey(display) };
}
