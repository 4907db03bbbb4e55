import 'server-only';
import { z } from 'zod';
import { credentialId } from '@/lib/webauthn/response-schemas';

/** Bodies of the account API. A passkey's id is its credential id; the name's rules are parsePasskeyName's. */
export const renamePasskeyBody = z.strictObject({
  passkeyId: credentialId,
  name: z.string().max(256),
});

export const signOutBody = z.strictObject({});

export const deletePasskeyBody = z.strictObject({ passkeyId: credentialId });

/** The rules are parseDisplayName's; blank means "use the username". */
export const displayNameBody = z.strictObject({ displayName: z.string().max(256) });

/** A handle is base64url of 16 bytes (lib/auth/sessions.ts sessionHandle). */
export const endSessionBody = z.strictObject({ handle: z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'must be a session handle (22 base64url characters)') });

export const listSessionsBody = z.strictObject({});

export const endOtherSessionsBody = z.strictObject({});

/** The account's username, typed to confirm. */
export const deleteAccountBody = z.strictObject({ username: z.string().max(256) });
