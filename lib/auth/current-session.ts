import 'server-only';
import { decode } from 'next-auth/jwt';
import { cookies, headers } from 'next/headers';
import { ApiError } from '@/lib/api/errors';
import { resolveSite } from '@/lib/sites/resolve-site';
import { authSecret, SESSION_COOKIE } from './session-cookie';
import { liveSession } from './sessions';

/** Who is signed in on this request's site, and the session row that says so. */
export interface CurrentSession {
  userId: string;
  name: string;
  sessionId: string;
  /**
   * Until when this session may make sensitive changes without proving again who this is; null
   * when it may not now. For showing "Confirm it's you" up front: the server checks it again in
   * the change itself.
   */
  reauthenticatedUntil: Date | null;
}

/**
 * The live session of this request on this site, or null when there is none. Reads the Auth.js
 * cookie with Auth.js's own decoding, then the session row (site-bound, idle and maximum ages).
 *
 * Pages and API routes use this rather than Auth.js's auth(): auth() turns every error of its
 * callbacks into "no session", so a database outage would read as "signed out" (a redirect to
 * sign-in, a 401). Here the outage propagates: jsonRoute answers 503, and nothing ends.
 */
export async function currentSession(): Promise<CurrentSession | null> {
  const value = (await cookies()).get(SESSION_COOKIE.name)?.value;
  if (!value) return null;
  const token = await decode({ token: value, secret: authSecret(), salt: SESSION_COOKIE.name }).catch(() => null);
  if (typeof token?.sid !== 'string' || typeof token.sub !== 'string') return null;
  const site = resolveSite((await headers()).get('host'))?.site;
  const live = site ? await liveSession(token.sid, site.id) : null;
  if (!live) return null;
  return { userId: token.sub, name: typeof token.name === 'string' ? token.name : '', sessionId: token.sid, reauthenticatedUntil: live.reauthenticatedUntil };
}

/** The live session of this request on this site; without one, 401 NOT_SIGNED_IN. */
export async function signedInSession(): Promise<CurrentSession> {
  const session = await currentSession();
  if (!session) throw new ApiError('NOT_SIGNED_IN');
  return session;
}
