import { optionsResponse } from '@/lib/api/ceremony-response';
import { signedInSession } from '@/lib/auth/current-session';
import { loggedCeremonyRoute } from '@/lib/ceremony-log/ceremony-route';
import { limitCeremonyStart } from '@/lib/rate-limit/ceremony-limits';
import { ensureBinding } from '@/lib/webauthn/browser-binding';
import { reauthenticationOptions, reauthenticationOptionsBody } from '@/lib/webauthn/reauthentication';
import { relyingPartyFor } from '@/lib/webauthn/relying-party';

/** Starts "confirm it's you" with one of the signed-in account's own passkeys. */
export const POST = loggedCeremonyRoute({ kind: 'reauthentication', step: 'options' }, reauthenticationOptionsBody, async (request, _body, log) => {
  const rp = relyingPartyFor(request);
  const session = await signedInSession();
  const binding = ensureBinding(request);
  await limitCeremonyStart(request, binding, 'reauthenticate');
  const options = await reauthenticationOptions({ rp, bindingHash: binding.hash, session });
  log.sent(options, binding);
  return optionsResponse(options, binding);
});
