import 'server-only';
import { decode, encode } from 'next-auth/jwt';
import type { NextRequest } from 'next/server';
import { env } from '@/lib/env/env';
import { SESSION_MAX_AGE_SECONDS } from './sessions';

/**
 * The Auth.js session cookie, configured in auth.ts and minted by the ceremony routes with the
 * same name, options and encoding, so auth() reads either the same way. `__Host-` makes the
 * browser refuse it with a Domain attribute or from a non-secure origin, so no sibling
 * subdomain can set or overwrite a site's session.
 */
export const SESSION_COOKIE = {
  name: '__Host-authjs.session-token',
  options: { httpOnly: true, sameSite: 'lax', path: '/', secure: true },
} as const;

/** What the session cookie's encrypted token carries; `sid` names the session row. */
export interface SessionToken {
  sub: string;
  name: string;
  sid: string;
}

export function authSecret(): string {
  const secret = env.AUTH_SECRET;
  if (!secret) throw new Error('AUTH_SECRET is not set: sessions cannot be issued or read.');
  return secret;
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
  const value = await encode({ token: { ...token }, secret: authSecret(), salt: SESSION_COOKIE.name, maxAge: SESSION_MAX_AGE_SECONDS });
  return { name: SESSION_COOKIE.name, value, options: { ...SESSION_COOKIE.options, maxAge: SESSION_MAX_AGE_SECONDS } };
}

/**
 * The session id in the request's session cookie, if it carries one that decrypts; whether the
 * session is still live is not checked here. Lets a new sign-in end the one it replaces.
 */
export async function sessionIdFromCookie(request: NextRequest): Promise<string | undefined> {
  const value = request.cookies.get(SESSION_COOKIE.name)?.value;
  if (!value) return undefined;
  const token = await decode({ token: value, secret: authSecret(), salt: SESSION_COOKIE.name }).catch(() => null);
  return typeof token?.sid === 'string' ? token.sid : undefined;
}
