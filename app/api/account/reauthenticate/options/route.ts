import { optionsResponse } from '@/lib/api/ceremony-response';
import { jsonRoute } from '@/lib/api/json-route';
import { signedInSession } from '@/lib/auth/current-session';
import { limitCeremonyStart } from '@/lib/rate-limit/ceremony-limits';
import { ensureBinding } from '@/lib/webauthn/browser-binding';
import { reauthenticationOptions, reauthenticationOptionsBody } from '@/lib/webauthn/reauthentication';
import { relyingPartyFor } from '@/lib/webauthn/relying-party';

/** Starts "confirm it's you" with one of the signed-in account's own passkeys. */
export const POST = jsonRoute(reauthenticationOptionsBody, async (request) => {
  const rp = relyingPartyFor(request);
  const session = await signedInSession();
  const binding = ensureBinding(request);
  await limitCeremonyStart(request, binding, 'reauthenticate');
  return optionsResponse(await reauthenticationOptions({ rp, bindingHash: binding.hash, session }), binding);
});
