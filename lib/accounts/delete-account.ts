import 'server-only';
import { ApiError } from '@/lib/api/errors';
import { withRecentReauthentication, type AccountSession } from '@/lib/auth/reauthentication';
import { sql } from '@/lib/db/sql';
import { rateLimitKey } from '@/lib/rate-limit/rate-limit';
import { usernameKey } from './username';

/**
 * Deletes the session's account, when `confirmation` is its username (in any letter case) and
 * the session was reauthenticated recently. One transaction: the account row, and with it, by
 * their foreign keys' cascades, its passkeys, its sessions on every site (so every browser is
 * signed out at its next request), sign-in attempts and account events; plus what names it
 * without a foreign key: its pending challenges and its password-throttle counter. Answers the
 * WebAuthn user handle, so the browser can tell the passkey provider the account is gone.
 */
export async function deleteAccount({ session, confirmation }: { session: AccountSession; confirmation: string }): Promise<{ userHandle: string }> {
  // Checked before asking for a fresh proof: a typo is fixed in the form, not after a ceremony.
  // Usernames never change, so this read needs no lock.
  const [account] = await sql<{ usernameKey: string }>('username-key-of', `SELECT username_key AS "usernameKey" FROM users WHERE id = $1::uuid`, [session.userId]);
  if (!account) throw new ApiError('NOT_SIGNED_IN');
  if (usernameKey(confirmation) !== account.usernameKey) throw new ApiError('CONFIRMATION_MISMATCH');

  return withRecentReauthentication(session, async (tx) => {
    const [deleted] = await sql<{ userHandle: string }>(
      'delete-account',
      `WITH challenges_gone AS (DELETE FROM challenges WHERE user_id = $1::uuid),
       counter_gone AS (DELETE FROM rate_limits WHERE key = $2)
       DELETE FROM users WHERE id = $1::uuid RETURNING webauthn_user_id AS "userHandle"`,
      [session.userId, rateLimitKey('password:account', account.usernameKey)],
      tx,
    );
    if (!deleted) throw new Error('delete-account deleted no account, although its row was locked');
    return deleted;
  });
}
