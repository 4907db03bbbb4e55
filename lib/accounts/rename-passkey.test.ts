import { describe, expect } from 'vitest';
import { ApiError } from '@/lib/api/errors';
import { db } from '@/lib/db/client';
import { appDatabaseTest } from '@/tools/db/app-database';
import { renamePasskey } from './rename-passkey';

const it = appDatabaseTest;

async function userWithPasskey(username: string): Promise<{ userId: string; passkeyId: string }> {
  const user = await db.user.create({
    data: { username, usernameKey: username, displayName: username, webauthnUserId: `${username}-handle`, createdOnSite: 'uk' },
  });
  const passkey = await db.passkey.create({
    data: {
      id: `${username}-credential`,
      userId: user.id,
      publicKey: new Uint8Array([1, 2, 3]),
      deviceType: 'multiDevice',
      backedUp: true,
      aaguid: '00000000-0000-0000-0000-000000000000',
      name: 'Original',
      createdOnSite: 'uk',
    },
  });
  return { userId: user.id, passkeyId: passkey.id };
}

const nameOf = async (passkeyId: string) => (await db.passkey.findUniqueOrThrow({ where: { id: passkeyId } })).name;

describe('renamePasskey', () => {
  it("renames the account's own passkey", async () => {
    const { userId, passkeyId } = await userWithPasskey('owner');
    await expect(renamePasskey({ userId, passkeyId, name: ' Phone ' })).resolves.toBe('Phone');
    expect(await nameOf(passkeyId)).toBe('Phone');
  });

  it("leaves another account's passkey alone", async () => {
    const mine = await userWithPasskey('mine');
    const theirs = await userWithPasskey('theirs');
    await expect(renamePasskey({ userId: mine.userId, passkeyId: theirs.passkeyId, name: 'Hijacked' })).resolves.toBeNull();
    expect(await nameOf(theirs.passkeyId)).toBe('Original');
  });

  it('refuses an invalid name before writing', async () => {
    const { userId, passkeyId } = await userWithPasskey('blank');
    await expect(renamePasskey({ userId, passkeyId, name: '  ' })).rejects.toBeInstanceOf(ApiError);
    expect(await nameOf(passkeyId)).toBe('Original');
  });
});
