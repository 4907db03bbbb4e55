import { deleteAccountBody } from '@/lib/accounts/account-requests';
import { deleteAccount } from '@/lib/accounts/delete-account';
import { signedOutResponse } from '@/lib/api/ceremony-response';
import { jsonRoute } from '@/lib/api/json-route';
import { signedInSession } from '@/lib/auth/current-session';

/**
 * Deletes the signed-in account and everything it owns, on every site (reauthentication and the
 * username typed again required), and signs this browser out.
 */
export const POST = jsonRoute(deleteAccountBody, async (_request, body) => {
  const session = await signedInSession();
  const { userHandle } = await deleteAccount({ session, confirmation: body.username });
  return signedOutResponse({ deleted: true, userHandle });
});
