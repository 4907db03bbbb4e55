import { ceremonyResponse } from '@/lib/api/ceremony-response';
import { sessionCookie, sessionIdFromCookie } from '@/lib/auth/session-cookie';
import { loggedCeremonyRoute } from '@/lib/ceremony-log/ceremony-route';
import { authenticationVerifyBody, verifyAuthentication } from '@/lib/webauthn/authentication';
import { existingBinding } from '@/lib/webauthn/browser-binding';
import { relyingPartyFor } from '@/lib/webauthn/relying-party';

/** Verifies an assertion and signs in on this site (the session cookie is in the response). */
export const POST = loggedCeremonyRoute({ kind: 'authentication', step: 'verify' }, authenticationVerifyBody, async (request, body) => {
  const rp = relyingPartyFor(request);
  const result = await verifyAuthentication({
    rp,
    body,
    bindingHash: existingBinding(request),
    userAgent: request.headers.get('user-agent'),
    issueSession: sessionCookie,
    previousSessionId: await sessionIdFromCookie(request),
  });
  return ceremonyResponse(result, result.cookie);
});
