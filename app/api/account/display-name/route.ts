import { displayNameBody } from '@/lib/accounts/account-requests';
import { setDisplayName } from '@/lib/accounts/set-display-name';
import { sessionResponse } from '@/lib/api/ceremony-response';
import { jsonRoute } from '@/lib/api/json-route';
import { signedInSession } from '@/lib/auth/current-session';

/** Renames the signed-in account for people (its username stays); the answer is what signalCurrentUserDetails needs. */
export const POST = jsonRoute(displayNameBody, async (_request, body) => {
  const session = await signedInSession();
  return sessionResponse(await setDisplayName({ userId: session.userId, displayName: body.displayName }));
});
