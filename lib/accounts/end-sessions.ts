import 'server-only';
import { ApiError } from '@/lib/api/errors';
import { withRecentReauthentication, type AccountSession } from '@/lib/auth/reauthentication';
import { liveSessionWhere, revokeSession, sessionHandle } from '@/lib/auth/sessions';
import { sql } from '@/lib/db/sql';

/**
 * Ends one live session of the account, on any site, named by its handle (sessions-view.ts).
 * Ending this browser's own is signing out and needs nothing more; ending another needs a recent
 * reauthentication, checked in the transaction that ends it. A handle that is not one of this
 * account's live sessions is UNKNOWN_SESSION. Answers whether it was this session.
 */
export async function endSession({ session, handle }: { session: AccountSession; handle: string }): Promise<{ current: boolean }> {
  const [target] = await sql<{ id: string; current: boolean }>(
    'session-by-handle',
    `SELECT s.id, s.id = $3 AS current FROM sessions s
     WHERE s.user_id = $1::uuid AND ${sessionHandle('s')} = $2 AND ${liveSessionWhere('s')}`,
    [session.userId, handle, session.sessionId],
  );
  if (!target) throw new ApiError('UNKNOWN_SESSION');
  if (target.current) {
    await revokeSession(session.sessionId);
    return { current: true };
  }
  await withRecentReauthentication(session, (tx) =>
    sql('end-session', `UPDATE sessions SET revoked_at = now() WHERE id = $1 AND user_id = $2::uuid AND revoked_at IS NULL`, [target.id, session.userId], tx),
  );
  return { current: false };
}

/** Ends every live session of the account on every site but this one, after a recent reauthentication. Answers how many. */
export async function endOtherSessions(session: AccountSession): Promise<number> {
  const rows = await withRecentReauthentication(session, (tx) =>
    sql(
      'end-other-sessions',
      `UPDATE sessions s SET revoked_at = now() WHERE s.user_id = $1::uuid AND s.id <> $2 AND ${liveSessionWhere('s')} RETURNING 1`,
      [session.userId, session.sessionId],
      tx,
    ),
  );
  return rows.length;
}
