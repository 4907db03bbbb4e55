import 'server-only';
import { liveSessionWhere, sessionHandle, type SignInMethod } from '@/lib/auth/sessions';
import { sql } from '@/lib/db/sql';
import { describeUserAgent, type BrowserDescription } from './user-agent';

/** A signed-in browser of the account, on any site of the family, as the account page lists it. */
export interface SessionView extends BrowserDescription {
  /** What names the session to end it (POST /api/account/sessions/end); never its id. */
  handle: string;
  siteId: string;
  method: SignInMethod;
  createdAt: Date;
  /** Recorded to the minute. */
  lastSeenAt: Date;
  /** The session this request belongs to. */
  current: boolean;
  /** The passkey that opened it, if one did: the account page marks it "This device" for the current session. */
  passkeyId: string | null;
}

interface SessionRow {
  handle: string;
  siteId: string;
  userAgent: string | null;
  method: string;
  createdAt: Date;
  lastSeenAt: Date;
  current: boolean;
  passkeyId: string | null;
}

/**
 * Every live session of the account on every site (not revoked, expired nor idle), this one
 * first, then the most recently seen.
 */
export async function liveSessions(userId: string, currentSessionId: string): Promise<SessionView[]> {
  const rows = await sql<SessionRow>(
    'live-sessions',
    `SELECT ${sessionHandle('s')} AS handle, s.site_id AS "siteId", s.user_agent AS "userAgent", s.method,
            s.created_at AS "createdAt", s.last_seen_at AS "lastSeenAt", s.id = $2 AS current, s.passkey_id AS "passkeyId"
     FROM sessions s WHERE s.user_id = $1::uuid AND ${liveSessionWhere('s')}
     ORDER BY s.id = $2 DESC, s.last_seen_at DESC, s.created_at DESC`,
    [userId, currentSessionId],
  );
  return rows.map(({ userAgent, method, ...row }) => ({
    ...row,
    ...describeUserAgent(userAgent),
    method: method === 'password' ? 'password' : 'passkey',
  }));
}
