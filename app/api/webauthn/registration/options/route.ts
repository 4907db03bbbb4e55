import { auth } from '@/auth';
import { jsonRoute, parseBody, readJsonBody } from '@/lib/api/json-route';
import { optionsResponse } from '@/lib/api/ceremony-response';
import { ensureBinding } from '@/lib/webauthn/browser-binding';
import { registrationOptions, registrationOptionsBody } from '@/lib/webauthn/registration';
import { relyingPartyFor } from '@/lib/webauthn/relying-party';

/** Starts a sign-up (signed out) or adds a passkey to the signed-in account. */
export const POST = jsonRoute(async (request) => {
  const rp = relyingPartyFor(request);
  const body = parseBody(registrationOptionsBody, await readJsonBody(request));
  const session = await auth();
  const binding = ensureBinding(request);
  const options = await registrationOptions({ rp, body, sessionUserId: session?.user.id ?? null, bindingHash: binding.hash });
  return optionsResponse(options, binding);
});
