import 'server-only';
import { ApiError } from '@/lib/api/errors';
import { sql } from '@/lib/db/sql';
import { parseDisplayName } from './display-name';

/** What a browser needs to tell the passkey provider the new name (signalCurrentUserDetails). */
export interface SavedDisplayName {
  displayName: string;
  /** The WebAuthn user handle (base64url), as the provider stores it. */
  userHandle: string;
  username: string;
}

/**
 * Changes the account's display name, under the sign-up's rules; a blank one falls back to the
 * username, as at sign-up. No reauthentication: it is shown, never used to sign in.
 */
export async function setDisplayName({ userId, displayName }: { userId: string; displayName: string }): Promise<SavedDisplayName> {
  const [saved] = await sql<SavedDisplayName>(
    'set-display-name',
    `UPDATE users SET display_name = COALESCE($2, username) WHERE id = $1::uuid
     RETURNING display_name AS "displayName", webauthn_user_id AS "userHandle", username`,
    [userId, parseDisplayName(displayName) ?? null],
  );
  if (!saved) throw new ApiError('NOT_SIGNED_IN');
  return saved;
}
