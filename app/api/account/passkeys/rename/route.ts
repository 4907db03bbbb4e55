import { renamePasskeyBody } from '@/lib/accounts/account-requests';
import { renamePasskey } from '@/lib/accounts/rename-passkey';
import { jsonRoute } from '@/lib/api/json-route';
import { ApiError } from '@/lib/api/errors';
import { signedInSession } from '@/lib/auth/current-session';

/** Renames one of the signed-in account's passkeys. Someone else's passkey id is as unknown as a missing one. */
export const POST = jsonRoute(renamePasskeyBody, async (_request, body) => {
  const session = await signedInSession();
  const name = await renamePasskey({ userId: session.userId, passkeyId: body.passkeyId, name: body.name });
  if (name === null) throw new ApiError('UNKNOWN_PASSKEY');
  return Response.json({ passkey: { id: body.passkeyId, name } }, { headers: { 'cache-control': 'no-store' } });
});
