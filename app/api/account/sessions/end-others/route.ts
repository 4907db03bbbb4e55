import { endOtherSessionsBody } from '@/lib/accounts/account-requests';
import { endOtherSessions } from '@/lib/accounts/end-sessions';
import { sessionResponse } from '@/lib/api/ceremony-response';
import { jsonRoute } from '@/lib/api/json-route';
import { signedInSession } from '@/lib/auth/current-session';

/** Signs the account out everywhere but here, on every site (reauthentication required). */
export const POST = jsonRoute(endOtherSessionsBody, async () => {
  const session = await signedInSession();
  return sessionResponse({ ended: await endOtherSessions(session) });
});
