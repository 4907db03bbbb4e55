import 'server-only';
import { z } from 'zod';
import { credentialId } from '@/lib/webauthn/response-schemas';

/** Bodies of the account API. A passkey's id is its credential id; the name's rules are parsePasskeyName's. */
export const renamePasskeyBody = z.strictObject({
  passkeyId: credentialId,
  name: z.string().max(256),
});

export const signOutBody = z.strictObject({});
