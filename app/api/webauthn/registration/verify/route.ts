import { ceremonyResponse } from '@/lib/api/ceremony-response';
import { currentSession } from '@/lib/auth/current-session';
import { sessionCookie, sessionIdFromCookie } from '@/lib/auth/session-cookie';
import { loggedCeremonyRoute } from '@/lib/ceremony-log/ceremony-route';
import { existingBinding } from '@/lib/webauthn/browser-binding';
import { registrationVerifyBody, verifyRegistration } from '@/lib/webauthn/registration';
import { relyingPartyFor } from '@/lib/webauthn/relying-party';

/** Stores the new passkey (for a sign-up, with the account, signing in on this site). */
export const POST = loggedCeremonyRoute({ kind: 'registration', step: 'verify' }, registrationVerifyBody, async (request, body) => {
  const rp = relyingPartyFor(request);
  const session = await currentSession();
  const result = await verifyRegistration({
    rp,
    body,
    session,
    bindingHash: existingBinding(request),
    userAgent: request.headers.get('user-agent'),
    previousSessionId: await sessionIdFromCookie(request),
  });
  return ceremonyResponse(result, result.session && (await sessionCookie(result.session)));
});
