import { createHash } from 'node:crypto';
import { describe, expect } from 'vitest';
import { db } from '@/lib/db/client';
import { appDatabaseTest } from '@/tools/db/app-database';
import { accountRow, sessionRow } from '@/tools/testing/account-rows';
import { liveSessions } from './sessions-view';

const it = appDatabaseTest;

const SAFARI_ON_IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.2 Mobile/15E148 Safari/604.1';
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

describe('liveSessions', () => {
  it('lists every live session of the account on every site, this one first, each named by a handle that is not its id', async () => {
    const account = await accountRow();
    const here = await sessionRow(account.id, { lastSeenAt: minutesAgo(30) });
    const phone = await sessionRow(account.id, { siteId: 'jp', userAgent: SAFARI_ON_IPHONE, lastSeenAt: minutesAgo(1) });
    const unnamed = await sessionRow(account.id, { siteId: 'rewards', userAgent: null, lastSeenAt: minutesAgo(5) });
    await sessionRow(account.id, { revokedAt: new Date() });
    await sessionRow(account.id, { expiresAt: minutesAgo(1) });
    await sessionRow(account.id, { lastSeenAt: minutesAgo(8 * 24 * 60) });
    await sessionRow((await accountRow()).id);

    const sessions = await liveSessions(account.id, here.id);
    expect(sessions).toEqual([
      { handle: expect.any(String), siteId: 'uk', browser: 'Chrome 156', os: 'macOS', device: 'desktop', method: 'passkey', passkeyId: null, createdAt: here.createdAt, lastSeenAt: here.lastSeenAt, current: true },
      { handle: expect.any(String), siteId: 'jp', browser: 'Safari 18', os: 'iOS', device: 'mobile', method: 'passkey', passkeyId: null, createdAt: phone.createdAt, lastSeenAt: phone.lastSeenAt, current: false },
      { handle: expect.any(String), siteId: 'rewards', browser: null, os: null, device: null, method: 'passkey', passkeyId: null, createdAt: unnamed.createdAt, lastSeenAt: unnamed.lastSeenAt, current: false },
    ]);

    const ids = [here.id, phone.id, unnamed.id];
    sessions.forEach((session, i) => {
      expect(session.handle).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(ids).not.toContain(session.handle);
      // The first 16 bytes of the id's SHA-256: nothing of the id itself.
      expect(session.handle).toBe(createHash('sha256').update(ids[i] ?? '').digest().subarray(0, 16).toString('base64url'));
    });
    expect(JSON.stringify(sessions)).not.toContain(here.id);
  });

  it('says how each session was opened', async () => {
    const account = await accountRow();
    const session = await sessionRow(account.id);
    await db.session.update({ where: { id: session.id }, data: { method: 'password' } });
    expect((await liveSessions(account.id, session.id)).map((s) => s.method)).toEqual(['password']);
  });
});
