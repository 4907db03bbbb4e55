import { endSessionBody } from '@/lib/accounts/account-requests';
import { endSession } from '@/lib/accounts/end-sessions';
import { sessionResponse, signedOutResponse } from '@/lib/api/ceremony-response';
import { jsonRoute } from '@/lib/api/json-route';
import { signedInSession } from '@/lib/auth/current-session';

/**
 * Ends one of the account's sessions on any site, by its handle: this one is a sign-out (the
 * cookie goes too); another needs a recent reauthentication and stops working at its next request.
 */
export const POST = jsonRoute(endSessionBody, async (_request, body) => {
  const session = await signedInSession();
  const { current } = await endSession({ session, handle: body.handle });
  const answer = { ended: body.handle, current };
  return current ? signedOutResponse(answer) : sessionResponse(answer);
});
