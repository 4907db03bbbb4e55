import { listSessionsBody } from '@/lib/accounts/account-requests';
import { liveSessions } from '@/lib/accounts/sessions-view';
import { sessionResponse } from '@/lib/api/ceremony-response';
import { jsonRoute } from '@/lib/api/json-route';
import { signedInSession } from '@/lib/auth/current-session';

/** The account's signed-in browsers on every site, with the handles that end them: what the account page lists, for other clients. */
export const POST = jsonRoute(listSessionsBody, async () => {
  const session = await signedInSession();
  return sessionResponse({ sessions: await liveSessions(session.userId, session.sessionId) });
});
