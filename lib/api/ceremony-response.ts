import 'server-only';
import { NextResponse } from 'next/server';
import { SESSION_COOKIE, type SessionCookie } from '@/lib/auth/session-cookie';
import { setBindingCookie, type BrowserBinding } from '@/lib/webauthn/browser-binding';

const NO_STORE = { 'cache-control': 'no-store' };

/** Options for the browser, plus the binding cookie when this request created one. */
export function optionsResponse(options: object, binding: BrowserBinding): Response {
  const response = NextResponse.json({ options }, { headers: NO_STORE });
  setBindingCookie(response, binding);
  return response;
}

/** A result, and when it opened a session, that session's cookie for this site. */
export function sessionResponse(body: object, cookie?: SessionCookie): Response {
  const response = NextResponse.json(body, { headers: NO_STORE });
  if (cookie) response.cookies.set(cookie.name, cookie.value, cookie.options);
  return response;
}

/** A result that ended this browser's session: the session cookie is deleted along with it. */
export function signedOutResponse(body: object): Response {
  const response = NextResponse.json(body, { headers: NO_STORE });
  response.cookies.set(SESSION_COOKIE.name, '', { ...SESSION_COOKIE.options, maxAge: 0 });
  return response;
}

/** A ceremony's result, and when it opened a session, that session's cookie for this site. */
export function ceremonyResponse(result: { user: object; passkey: object }, cookie?: SessionCookie): Response {
  return sessionResponse({ user: result.user, passkey: result.passkey }, cookie);
}
