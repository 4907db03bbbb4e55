import { sessionResponse } from '@/lib/api/ceremony-response';
import { jsonRoute } from '@/lib/api/json-route';
import { signedInSession } from '@/lib/auth/current-session';
import { passwordReauthenticationBody, reauthenticateWithPassword } from '@/lib/passwords/password-reauthentication';
import { clientAddress } from '@/lib/rate-limit/client-address';
import { relyingPartyFor } from '@/lib/webauthn/relying-party';

/** Confirms it's you with the account's password; throttled as a password sign-in is. */
export const POST = jsonRoute(passwordReauthenticationBody, async (request, body) => {
  const { site } = relyingPartyFor(request);
  const session = await signedInSession();
  const until = await reauthenticateWithPassword({ site, session, body, clientAddress: clientAddress(request.headers) });
  return sessionResponse({ reauthenticatedUntil: until.toISOString() });
});
