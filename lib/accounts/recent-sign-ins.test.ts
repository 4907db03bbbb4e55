import { randomUUID } from 'node:crypto';
import { describe, expect } from 'vitest';
import { db } from '@/lib/db/client';
import { appDatabaseTest } from '@/tools/db/app-database';
import { getAccount } from './get-account';
import { recentSignIns } from './recent-sign-ins';

const it = appDatabaseTest;

async function user(passwordHash: string | null = null): Promise<string> {
  const key = randomUUID();
  const created = await db.user.create({ data: { username: key, usernameKey: key, displayName: 'R', webauthnUserId: key, passwordHash, createdOnSite: 'uk' } });
  return created.id;
}

describe('recentSignIns', () => {
  it("lists the account's latest attempts, newest first, with site, method and outcome", async () => {
    const userId = await user();
    const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);
    await db.signInEvent.createMany({
      data: [
        ...Array.from({ length: 10 }, (_, i) => ({ userId, siteId: 'jp', success: true, at: minutesAgo(100 + i) })),
        { userId, siteId: 'uk', method: 'password', success: false, errorCode: 'INVALID_CREDENTIALS', at: minutesAgo(2) },
        { userId, siteId: 'rewards', method: 'password', success: true, at: minutesAgo(1) },
      ],
    });
    await db.signInEvent.create({ data: { userId: await user(), siteId: 'uk', success: true } });

    const list = await recentSignIns(userId);
    expect(list).toHaveLength(10);
    expect(list.slice(0, 3).map((row) => [row.siteId, row.method, row.success])).toEqual([
      ['rewards', 'password', true],
      ['uk', 'password', false],
      ['jp', 'passkey', true],
    ]);
    expect(Object.keys(list[0] ?? {}).sort()).toEqual(['at', 'authenticatorAttachment', 'method', 'siteId', 'success']);
    expect(list.map((row) => row.at.getTime())).toEqual([...list.map((row) => row.at.getTime())].sort((a, b) => b - a));
    expect(await recentSignIns(userId, 3)).toHaveLength(3);
  });
});

describe('getAccount', () => {
  it('says whether the account has a password, without the hash', async () => {
    const withPassword = await getAccount(await user('scrypt$ln=17,r=8,p=1$AAAA$AAAA'));
    expect(withPassword?.hasPassword).toBe(true);
    expect(JSON.stringify(withPassword)).not.toContain('scrypt');
    expect((await getAccount(await user()))?.hasPassword).toBe(false);
  });
});
