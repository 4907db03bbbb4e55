import 'server-only';
import { ApiError } from '@/lib/api/errors';
import { withRecentReauthentication, type AccountSession } from '@/lib/auth/reauthentication';
import { sql } from '@/lib/db/sql';
import { statementName, sweepCtes, sweepTurn } from '@/lib/db/sweeps';
import { SWEEP_ACCOUNT_EVENTS } from './account-events';

/** What a browser needs to tell the passkey provider which passkeys remain (signalAllAcceptedCredentials). */
export interface DeletedPasskey {
  deleted: string;
  /** The WebAuthn user handle (base64url). */
  userHandle: string;
  /** The account's passkeys after the deletion, oldest first. */
  remainingCredentialIds: string[];
  /** Sessions the deleted passkey had opened, on any site, ended with it (this one excepted). */
  endedSessions: number;
}

/**
 * Deletes one of the account's own passkeys, after a recent reauthentication, in one transaction
 * that first locks the account's row: two deletes at once take turns, so the second sees what
 * the first left and the account keeps a way to sign in (LAST_SIGN_IN_METHOD when it is the only
 * passkey and there is no password). The owner is in the DELETE's condition: another account's
 * passkey is as unknown as a missing one (UNKNOWN_PASSKEY). Sessions the passkey opened end with
 * it, but this one, and the deletion is recorded for the security notices.
 */
export async function deletePasskey({ session, passkeyId, siteId }: { session: AccountSession; passkeyId: string; siteId: string }): Promise<DeletedPasskey> {
  return withRecentReauthentication(session, async (tx) => {
    const sweeping = sweepTurn();
    const [row] = await sql<{ userHandle: string; deleted: boolean; remainingCredentialIds: string[]; endedSessions: number }>(
      statementName('delete-passkey', sweeping),
      `WITH target AS (
         SELECT p.id, u.webauthn_user_id,
                u.password_hash IS NOT NULL OR EXISTS (SELECT 1 FROM passkeys o WHERE o.user_id = u.id AND o.id <> p.id) AS "otherWay"
         FROM passkeys p JOIN users u ON u.id = p.user_id
         WHERE p.id = $1 AND p.user_id = $2::uuid),
       deleted AS (
         DELETE FROM passkeys USING target
         WHERE passkeys.id = target.id AND passkeys.user_id = $2::uuid AND target."otherWay"
         RETURNING passkeys.id, passkeys.name),
       recorded AS (
         INSERT INTO account_events (id, user_id, kind, site_id, at, detail)
         SELECT gen_random_uuid(), $2::uuid, 'passkey-deleted', $3, now(), name FROM deleted),
       ended AS (
         UPDATE sessions SET revoked_at = now() FROM deleted
         WHERE sessions.user_id = $2::uuid AND sessions.passkey_id = deleted.id AND sessions.id <> $4 AND sessions.revoked_at IS NULL
         RETURNING 1)${sweepCtes(sweeping, SWEEP_ACCOUNT_EVENTS)}
       SELECT target.webauthn_user_id AS "userHandle", EXISTS (SELECT 1 FROM deleted) AS deleted,
              ARRAY(SELECT o.id FROM passkeys o WHERE o.user_id = $2::uuid AND o.id <> $1 ORDER BY o.created_at) AS "remainingCredentialIds",
              (SELECT count(*) FROM ended)::int AS "endedSessions"
       FROM target`,
      [passkeyId, session.userId, siteId, session.sessionId],
      tx,
    );
    if (!row) throw new ApiError('UNKNOWN_PASSKEY');
    if (!row.deleted) throw new ApiError('LAST_SIGN_IN_METHOD');
    return { deleted: passkeyId, userHandle: row.userHandle, remainingCredentialIds: row.remainingCredentialIds, endedSessions: row.endedSessions };
  });
}
