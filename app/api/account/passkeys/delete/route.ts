import { deletePasskeyBody } from '@/lib/accounts/account-requests';
import { deletePasskey } from '@/lib/accounts/delete-passkey';
import { sessionResponse } from '@/lib/api/ceremony-response';
import { jsonRoute } from '@/lib/api/json-route';
import { signedInSession } from '@/lib/auth/current-session';
import { relyingPartyFor } from '@/lib/webauthn/relying-party';

/**
 * Deletes one of the signed-in account's passkeys (reauthentication required). The answer lists
 * the passkeys that remain, for signalAllAcceptedCredentials.
 */
export const POST = jsonRoute(deletePasskeyBody, async (request, body) => {
  const { site } = relyingPartyFor(request);
  const session = await signedInSession();
  return sessionResponse(await deletePasskey({ session, passkeyId: body.passkeyId, siteId: site.id }));
});
