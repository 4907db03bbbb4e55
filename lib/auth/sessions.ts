import 'server-only';
import { randomBytes } from 'node:crypto';
import { db } from '@/lib/db/client';
import { ASYNC_COMMIT, sql } from '@/lib/db/sql';
import { SWEEP_BATCH } from '@/lib/db/sweeps';
import { REAUTHENTICATION_WINDOW_SECONDS, recentlyReauthenticated } from './reauthentication';

/** How a session was opened, and how a sign-in was attempted (sessions.method, sign_in_events.method). */
export type SignInMethod = 'passkey' | 'password';

/** The longest a session lasts, however active: the Auth.js cookie's own lifetime. */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

/** A session unused this long has ended (OWASP ASVS 5 V7.3): a forgotten browser does not stay signed in for a month. */
export const SESSION_IDLE_TIMEOUT_SECONDS = 7 * 24 * 60 * 60;

/**
 * How stale last_seen_at may get before a read refreshes it: activity is recorded with this
 * precision, so page views do not each cost a write, yet "last seen" in the list of signed-in
 * devices is right to the minute.
 */
const LAST_SEEN_PRECISION_SECONDS = 60;

/** Ended sessions (revoked, expired or idle) stay listable this long, then are swept. */
export const ENDED_SESSION_RETENTION_SECONDS = 30 * 24 * 60 * 60;

/**
 * CTEs that delete a batch of sessions ended over the retention period ago. The statements that
 * open a session carry them on a sweep turn (`lib/db/sweeps.ts`), so the table shrinks as it
 * grows, without a cron. One per way a session ends, each walking its own index (revoked_at,
 * expires_at, last_seen_at) from the oldest entry, stopping at the first that is not due, and
 * deleting what it found by primary key: planned for the table's current size, a sweep with
 * nothing to do reads a few index entries even before the table has statistics. One subquery
 * with the three conditions joined by OR left the plan to the planner's estimates, and without
 * current statistics that plan read every session twice.
 */
export const SWEEP_ENDED_SESSIONS = [
  ['swept_revoked_sessions', 'revoked_at', ENDED_SESSION_RETENTION_SECONDS],
  ['swept_expired_sessions', 'expires_at', ENDED_SESSION_RETENTION_SECONDS],
  ['swept_idle_sessions', 'last_seen_at', SESSION_IDLE_TIMEOUT_SECONDS + ENDED_SESSION_RETENTION_SECONDS],
]
  .map(
    ([name, column, seconds]) => `${name} AS (
  DELETE FROM sessions WHERE id = ANY (ARRAY(
    SELECT id FROM sessions WHERE ${column} < now() - make_interval(secs => ${seconds})
    ORDER BY ${column} LIMIT ${SWEEP_BATCH} FOR UPDATE SKIP LOCKED)))`,
  )
  .join(',\n');

/**
 * SQL: whether sessions row `alias` still stands, on whichever site: not revoked, not past its
 * maximum age nor its idle timeout.
 */
export function liveSessionWhere(alias: string): string {
  return `${alias}.revoked_at IS NULL AND ${alias}.expires_at > now() AND ${alias}.last_seen_at > now() - make_interval(secs => ${SESSION_IDLE_TIMEOUT_SECONDS})`;
}

/**
 * SQL: the public handle of sessions row `alias`, by which the list of signed-in devices names a
 * session: base64url of the first 16 bytes of SHA-256 of its id. The id itself is a bearer
 * secret and never leaves the server; the handle cannot be turned back into it.
 */
export function sessionHandle(alias: string): string {
  return `translate(encode(substring(sha256(convert_to(${alias}.id, 'UTF8')) FROM 1 FOR 16), 'base64'), '+/=', '-_')`;
}

/**
 * A new session id: 256 random bits. It leaves the server only inside the encrypted session
 * cookie, never in a body or anything page script can read.
 */
export function newSessionId(): string {
  return randomBytes(32).toString('base64url');
}

/** A live session as a read of it finds it. */
export interface LiveSession {
  /** Until when sensitive changes are allowed without proving again who this is; null when they are not now. */
  reauthenticatedUntil: Date | null;
}

/**
 * The session if it still stands on this site: live (liveSessionWhere) and made on this site (a
 * cookie copied to another site of the family is refused there); null otherwise. Checked on
 * every read of the session; refreshes last_seen_at when it is stale, in the same statement,
 * without waiting for the flush (a lost refresh only shortens the idle window by a minute).
 */
export async function liveSession(sessionId: string, siteId: string): Promise<LiveSession | null> {
  const [row] = await sql<LiveSession>(
    'session-live',
    `WITH ${ASYNC_COMMIT},
     live AS (
       SELECT s.id, s.last_seen_at, s.reauthenticated_at FROM sessions s
       WHERE s.id = $1 AND s.site_id = $2 AND ${liveSessionWhere('s')}),
     touched AS (
       UPDATE sessions SET last_seen_at = now() FROM live, async_commit
       WHERE sessions.id = live.id AND live.last_seen_at < now() - make_interval(secs => $3))
     SELECT CASE WHEN ${recentlyReauthenticated('live')} THEN live.reauthenticated_at + make_interval(secs => $4) END AS "reauthenticatedUntil"
     FROM live`,
    [sessionId, siteId, LAST_SEEN_PRECISION_SECONDS, REAUTHENTICATION_WINDOW_SECONDS],
  );
  return row ?? null;
}

/** Whether a session still stands on this site (liveSession). */
export async function isSessionLive(sessionId: string, siteId: string): Promise<boolean> {
  return (await liveSession(sessionId, siteId)) !== null;
}

export async function revokeSession(sessionId: string): Promise<void> {
  await db.session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } });
}
