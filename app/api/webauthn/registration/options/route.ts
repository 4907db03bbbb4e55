import { optionsResponse } from '@/lib/api/ceremony-response';
import { currentSession } from '@/lib/auth/current-session';
import { loggedCeremonyRoute } from '@/lib/ceremony-log/ceremony-route';
import { limitCeremonyStart } from '@/lib/rate-limit/ceremony-limits';
import { ensureBinding } from '@/lib/webauthn/browser-binding';
import { registrationOptions, registrationOptionsBody } from '@/lib/webauthn/registration';
import { relyingPartyFor } from '@/lib/webauthn/relying-party';

/** Starts a sign-up (with a username) or adds a passkey to the signed-in account (without; it needs a recent reauthentication). */
export const POST = loggedCeremonyRoute({ kind: 'registration', step: 'options' }, registrationOptionsBody, async (request, body, log) => {
  const rp = relyingPartyFor(request);
  // A sign-up needs no session: skip reading it.
  const session = body.username === undefined ? await currentSession() : null;
  const binding = ensureBinding(request);
  await limitCeremonyStart(request, binding, body.username === undefined ? 'add-passkey' : 'sign-up');
  const options = await registrationOptions({ rp, body, session, bindingHash: binding.hash });
  log.sent(options, binding);
  return optionsResponse(options, binding);
});
