import { signIn } from '@/auth';
import type { BrowserBinding } from '@/lib/webauthn/browser-binding';

/** Options for the browser, plus the binding cookie when this request created one. */
export function optionsResponse(options: object, binding: BrowserBinding): Response {
  const headers = new Headers({ 'cache-control': 'no-store' });
  if (binding.setCookie) headers.append('set-cookie', binding.setCookie);
  return Response.json({ options }, { headers });
}

/**
 * Hands a stored session to Auth.js, which sets this site's session cookie on the response
 * (through next/headers cookies()), then answers with who is now signed in.
 */
export async function signedInResponse(result: { sessionId: string; user: object; passkey: object }): Promise<Response> {
  await signIn('passkey', { sessionId: result.sessionId, redirect: false });
  return Response.json({ user: result.user, passkey: result.passkey }, { headers: { 'cache-control': 'no-store' } });
}
