import { jsonRoute } from '@/lib/api/json-route';
import { optionsResponse } from '@/lib/api/ceremony-response';
import { limitCeremonyStart } from '@/lib/rate-limit/ceremony-limits';
import { authenticationOptions, authenticationOptionsBody } from '@/lib/webauthn/authentication';
import { ensureBinding } from '@/lib/webauthn/browser-binding';
import { relyingPartyFor } from '@/lib/webauthn/relying-party';

/** Starts a sign-in with any passkey for the RP ID (button or autofill). */
export const POST = jsonRoute(authenticationOptionsBody, async (request) => {
  const rp = relyingPartyFor(request);
  const binding = ensureBinding(request);
  await limitCeremonyStart(request, binding, 'sign-in');
  return optionsResponse(await authenticationOptions({ rp, bindingHash: binding.hash }), binding);
});
