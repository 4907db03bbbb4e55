import { optionsResponse } from '@/lib/api/ceremony-response';
import { loggedCeremonyRoute } from '@/lib/ceremony-log/ceremony-route';
import { ceremonyStartHits } from '@/lib/rate-limit/ceremony-limits';
import { authenticationOptions, authenticationOptionsBody } from '@/lib/webauthn/authentication';
import { ensureBinding } from '@/lib/webauthn/browser-binding';
import { relyingPartyFor } from '@/lib/webauthn/relying-party';

/** Starts a sign-in with any passkey for the RP ID (button, autofill, immediate, phone). */
export const POST = loggedCeremonyRoute({ kind: 'authentication', step: 'options' }, authenticationOptionsBody, async (request, _body, log) => {
  const rp = relyingPartyFor(request);
  const binding = ensureBinding(request);
  const options = await authenticationOptions({ rp, bindingHash: binding.hash, limits: ceremonyStartHits(request, binding, 'sign-in') });
  log.sent(options, binding);
  return optionsResponse(options, binding);
});
