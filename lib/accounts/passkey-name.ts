import { ApiError } from '@/lib/api/errors';

/** A passkey's display name as the person typed it: trimmed, 1–64 characters, nothing invisible. */
export function parsePasskeyName(input: string): string {
  const name = input.normalize('NFKC').trim();
  // \p{C}: control and format characters, which would make a name render as something else.
  if ([...name].length < 1 || [...name].length > 64 || /\p{C}/u.test(name)) throw new ApiError('INVALID_PASSKEY_NAME');
  return name;
}
