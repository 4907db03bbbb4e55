import 'server-only';
import { encode } from 'next-auth/jwt';
import { SESSION_MAX_AGE_SECONDS } from './sessions';

/**
 * The Auth.js session cookie, configured in auth.ts and minted by the ceremony routes with the
 * same name, options and encoding, so auth() reads either the same way. Host-only (no Domain):
 * each site of the family has its own.
 */
export const SESSION_COOKIE = {
  name: '__Secure-authjs.session-token',
  options: { httpOnly: true, sameSite: 'lax', path: '/', secure: true },
} as const;

/** What the session cookie's encrypted token carries; `sid` names the session row. */
export interface SessionToken {
  sub: string;
  name: string;
  sid: string;
}

/**
 * The session cookie for a session row just stored: Auth.js's own JWE encoding (next-auth/jwt
 * `encode`, salted with the cookie name as Auth.js does), so no second HTTP round trip through
 * an Auth.js provider is needed to turn a session into a cookie.
 */
export interface SessionCookie {
  name: string;
  value: string;
  options: typeof SESSION_COOKIE.options & { maxAge: number };
}

export async function sessionCookie(token: SessionToken): Promise<SessionCookie> {
  const secret = process.env.AUTH_SECRET;
  if (!secret) throw new Error('AUTH_SECRET is not set: sessions cannot be issued.');
  const value = await encode({ token: { ...token }, secret, salt: SESSION_COOKIE.name, maxAge: SESSION_MAX_AGE_SECONDS });
  return { name: SESSION_COOKIE.name, value, options: { ...SESSION_COOKIE.options, maxAge: SESSION_MAX_AGE_SECONDS } };
}
