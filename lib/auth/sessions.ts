import 'server-only';
import { randomBytes } from 'node:crypto';
import { db } from '@/lib/db/client';
import { ASYNC_COMMIT, sql } from '@/lib/db/sql';

/** How a session was opened, and how a sign-in was attempted (sessions.method, sign_in_events.method). */
export type SignInMethod = 'passkey' | 'password';

/** The longest a session lasts, however active: the Auth.js cookie's own lifetime. */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

/** A session unused this long has ended (OWASP ASVS 5 V7.3): a forgotten browser does not stay signed in for a month. */
export const SESSION_IDLE_TIMEOUT_SECONDS = 7 * 24 * 60 * 60;

/**
 * How stale last_seen_at may get before a read refreshes it: activity is recorded with this
 * precision, so page views do not each cost a write.
 */
const LAST_SEEN_PRECISION_SECONDS = 5 * 60;

/** Ended sessions (revoked, expired or idle) stay listable this long, then are swept. */
export const ENDED_SESSION_RETENTION_SECONDS = 30 * 24 * 60 * 60;

/**
 * A CTE that deletes a few sessions ended over the retention period ago. Every statement that
 * opens a session carries it, so the table shrinks as it grows, without a cron. Uses the
 * indexes on revoked_at, expires_at and last_seen_at.
 */
export const SWEEP_ENDED_SESSIONS = `swept_sessions AS (
  DELETE FROM sessions WHERE id IN (
    SELECT id FROM sessions
    WHERE revoked_at < now() - make_interval(secs => ${ENDED_SESSION_RETENTION_SECONDS})
       OR expires_at < now() - make_interval(secs => ${ENDED_SESSION_RETENTION_SECONDS})
       OR last_seen_at < now() - make_interval(secs => ${SESSION_IDLE_TIMEOUT_SECONDS + ENDED_SESSION_RETENTION_SECONDS})
    LIMIT 16 FOR UPDATE SKIP LOCKED))`;

/**
 * A new session id: 256 random bits. It leaves the server only inside the encrypted session
 * cookie, never in a body or anything page script can read.
 */
export function newSessionId(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Whether a session still stands on this site: not revoked, not past its maximum age nor its
 * idle timeout, and made on this site (a cookie copied to another site of the family is refused
 * there). Checked on every auth(); refreshes last_seen_at when it is stale, in the same statement,
 * without waiting for the flush (a lost refresh only shortens the idle window by minutes).
 */
export async function isSessionLive(sessionId: string, siteId: string): Promise<boolean> {
  const rows = await sql<{ live: boolean }>(
    'session-live',
    `WITH ${ASYNC_COMMIT},
     live AS (
       SELECT id, last_seen_at FROM sessions
       WHERE id = $1 AND site_id = $2 AND revoked_at IS NULL AND expires_at > now()
         AND last_seen_at > now() - make_interval(secs => $3)),
     touched AS (
       UPDATE sessions SET last_seen_at = now() FROM live, async_commit
       WHERE sessions.id = live.id AND live.last_seen_at < now() - make_interval(secs => $4))
     SELECT true AS live FROM live`,
    [sessionId, siteId, SESSION_IDLE_TIMEOUT_SECONDS, LAST_SEEN_PRECISION_SECONDS],
  );
  return rows.length === 1;
}

export async function revokeSession(sessionId: string): Promise<void> {
  await db.session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } });
}
