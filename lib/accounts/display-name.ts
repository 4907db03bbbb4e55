import { ApiError } from '@/lib/api/errors';

const MAX_DISPLAY_NAME = 64;

/**
 * A display name as the person typed it, or undefined when blank (the username stands in).
 * Authenticators show it in their account pickers, so nothing invisible gets through: no control
 * or format characters (\p{C}: NUL, bidi overrides, lone surrogates among them), which would
 * make it render as something else or not store at all.
 */
export function parseDisplayName(input: string | undefined): string | undefined {
  const name = input?.normalize('NFKC').trim();
  if (!name) return undefined;
  if ([...name].length > MAX_DISPLAY_NAME || /\p{C}/u.test(name)) throw new ApiError('INVALID_DISPLAY_NAME');
  return name;
}
