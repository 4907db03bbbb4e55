import 'server-only';
import type pg from 'pg';
import { ApiError } from '@/lib/api/errors';
import { sql } from '@/lib/db/sql';
import { transaction } from '@/lib/db/transaction';

/**
 * How long a proof that the owner is at this browser (a sign-in, or a passkey or password asked
 * for again) lets the session make sensitive changes: adding or deleting a passkey, ending other
 * sessions, deleting the account. A session left open, or stolen, cannot do them later.
 */
export const REAUTHENTICATION_WINDOW_SECONDS = 5 * 60;

/** SQL: whether sessions row `alias` proved its owner within the window, by the database's clock. */
export function recentlyReauthenticated(alias: string): string {
  return `COALESCE(${alias}.reauthenticated_at > now() - make_interval(secs => ${REAUTHENTICATION_WINDOW_SECONDS}), false)`;
}

/** The session a sensitive change is asked in. */
export interface AccountSession {
  userId: string;
  sessionId: string;
}

/**
 * Refuses with 403 REAUTHENTICATION_REQUIRED unless this session of this account, not revoked,
 * was reauthenticated within the window; NOT_SIGNED_IN when the account is gone. Inside a
 * transaction (`tx`) it also locks the account's row until the transaction ends, so sensitive
 * changes to one account happen one at a time and each sees what the one before it left.
 */
export async function requireRecentReauthentication(session: AccountSession, tx?: pg.PoolClient): Promise<void> {
  const [row] = await sql<{ recent: boolean }>(
    tx ? 'recently-reauthenticated-locked' : 'recently-reauthenticated',
    `SELECT ${recentlyReauthenticated('s')} AS recent
     FROM users u LEFT JOIN sessions s ON s.id = $2 AND s.user_id = u.id AND s.revoked_at IS NULL
     WHERE u.id = $1::uuid${tx ? ' FOR UPDATE OF u' : ''}`,
    [session.userId, session.sessionId],
    tx,
  );
  if (!row) throw new ApiError('NOT_SIGNED_IN');
  if (!row.recent) throw new ApiError('REAUTHENTICATION_REQUIRED');
}

/**
 * A sensitive change to the session's account: one transaction that first requires a recent
 * reauthentication (locking the account's row), then runs `change`. A stale session is refused
 * before anything is written, and a refusal inside `change` rolls back all it wrote.
 */
export function withRecentReauthentication<T>(session: AccountSession, change: (tx: pg.PoolClient) => Promise<T>): Promise<T> {
  return transaction(async (tx) => {
    await requireRecentReauthentication(session, tx);
    return change(tx);
  });
}
