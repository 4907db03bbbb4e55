import { sessionResponse } from '@/lib/api/ceremony-response';
import { signedInSession } from '@/lib/auth/current-session';
import { loggedCeremonyRoute } from '@/lib/ceremony-log/ceremony-route';
import { existingBinding } from '@/lib/webauthn/browser-binding';
import { reauthenticationVerifyBody, verifyReauthentication } from '@/lib/webauthn/reauthentication';
import { relyingPartyFor } from '@/lib/webauthn/relying-party';

/** Verifies the assertion and lets this session make sensitive changes for the next 5 minutes. */
export const POST = loggedCeremonyRoute({ kind: 'reauthentication', step: 'verify' }, reauthenticationVerifyBody, async (request, body) => {
  const rp = relyingPartyFor(request);
  const session = await signedInSession();
  const until = await verifyReauthentication({ rp, body, bindingHash: existingBinding(request), session });
  return sessionResponse({ reauthenticatedUntil: until.toISOString() });
});
