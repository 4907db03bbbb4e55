import { sessionResponse } from '@/lib/api/ceremony-response';
import { jsonRoute } from '@/lib/api/json-route';
import { sessionCookie, sessionIdFromCookie } from '@/lib/auth/session-cookie';
import { passwordSignIn, passwordSignInBody } from '@/lib/passwords/password-sign-in';
import { clientAddress } from '@/lib/rate-limit/client-address';
import { existingBinding } from '@/lib/webauthn/browser-binding';
import { relyingPartyFor } from '@/lib/webauthn/relying-party';

/** Signs in with a username and password on this site (the session cookie is in the response). */
export const POST = jsonRoute(passwordSignInBody, async (request, body) => {
  const result = await passwordSignIn({
    site: relyingPartyFor(request).site,
    body,
    clientAddress: clientAddress(request.headers),
    userAgent: request.headers.get('user-agent'),
    issueSession: sessionCookie,
    previousSessionId: await sessionIdFromCookie(request),
    bindingHash: existingBinding(request),
  });
  return sessionResponse({ user: result.user, hasPasskey: result.hasPasskey }, result.cookie);
});
