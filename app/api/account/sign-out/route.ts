import { NextResponse } from 'next/server';
import { signOutBody } from '@/lib/accounts/account-requests';
import { jsonRoute } from '@/lib/api/json-route';
import { currentSession } from '@/lib/auth/current-session';
import { SESSION_COOKIE } from '@/lib/auth/session-cookie';
import { revokeSession } from '@/lib/auth/sessions';

/**
 * Ends this browser's session on this site: the row is revoked (so a copy of the cookie is
 * worthless too) and the cookie deleted. Without a live session it only deletes the cookie.
 * A JSON POST: a cross-site form cannot send one, and the cookie is SameSite=Lax anyway.
 */
export const POST = jsonRoute(signOutBody, async () => {
  const session = await currentSession();
  if (session) await revokeSession(session.sessionId);
  const response = NextResponse.json({ signedOut: session !== null }, { headers: { 'cache-control': 'no-store' } });
  response.cookies.set(SESSION_COOKIE.name, '', { ...SESSION_COOKIE.options, maxAge: 0 });
  return response;
});
