import 'server-only';
import { db } from '@/lib/db/client';
import { parsePasskeyName } from './passkey-name';

/**
 * Renames one of the account's own passkeys. The owner is part of the UPDATE's condition, so a
 * passkey id from another account changes nothing. Returns whether a passkey was renamed.
 */
export async function renamePasskey({ userId, passkeyId, name }: { userId: string; passkeyId: string; name: string }): Promise<boolean> {
  const { count } = await db.passkey.updateMany({ where: { id: passkeyId, userId }, data: { name: parsePasskeyName(name) } });
  return count === 1;
}
