import { auth } from '@/auth';
import { jsonRoute, parseBody, readJsonBody } from '@/lib/api/json-route';
import { signedInResponse } from '@/lib/api/ceremony-response';
import { existingBinding } from '@/lib/webauthn/browser-binding';
import { registrationVerifyBody, verifyRegistration } from '@/lib/webauthn/registration';
import { relyingPartyFor } from '@/lib/webauthn/relying-party';

/** Stores the new passkey (and, for a sign-up, the account) and signs in on this site. */
export const POST = jsonRoute(async (request) => {
  const rp = relyingPartyFor(request);
  const body = parseBody(registrationVerifyBody, await readJsonBody(request));
  const session = await auth();
  const result = await verifyRegistration({
    rp,
    body,
    sessionUserId: session?.user.id ?? null,
    bindingHash: existingBinding(request),
    userAgent: request.headers.get('user-agent'),
  });
  return signedInResponse(result);
});
