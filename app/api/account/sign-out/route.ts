import { signOutBody } from '@/lib/accounts/account-requests';
import { signedOutResponse } from '@/lib/api/ceremony-response';
import { jsonRoute } from '@/lib/api/json-route';
import { currentSession } from '@/lib/auth/current-session';
import { revokeSession } from '@/lib/auth/sessions';

/**
 * Ends this browser's session on this site: the row is revoked (so a copy of the cookie is
 * worthless too) and the cookie deleted. Without a live session it only deletes the cookie.
 * A JSON POST: a cross-site form cannot send one, and the cookie is SameSite=Lax anyway.
 */
export const POST = jsonRoute(signOutBody, async () => {
  const session = await currentSession();
  if (session) await revokeSession(session.sessionId);
  return signedOutResponse({ signedOut: session !== null });
});
