import 'server-only';
import { db } from '@/lib/db/client';
import { parsePasskeyName } from './passkey-name';

/**
 * Renames one of the account's own passkeys. The owner is part of the UPDATE's condition, so a
 * passkey id from another account changes nothing. Returns the name as stored (normalised), or
 * null when the account has no such passkey.
 */
export async function renamePasskey({ userId, passkeyId, name }: { userId: string; passkeyId: string; name: string }): Promise<string | null> {
  const stored = parsePasskeyName(name);
  const { count } = await db.passkey.updateMany({ where: { id: passkeyId, userId }, data: { name: stored } });
  return count === 1 ? stored : null;
}
