import { describe, expect } from 'vitest';
import { db } from '@/lib/db/client';
import { appDatabaseTest } from '@/tools/db/app-database';
import { accountRow, passkeyRow, sessionRow } from '@/tools/testing/account-rows';
import { securityNotices } from './security-notices';

const it = appDatabaseTest;

const UA = {
  chromeMac: (version: number) => `Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${version}.0.0.0 Safari/537.36`,
  firefoxWindows: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:140.0) Gecko/20100101 Firefox/140.0',
};
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

describe('securityNotices', () => {
  it('gathers, newest first, passkeys added and deleted, failed passkey sign-ins, counter regressions and sign-ins from a new kind of browser', async () => {
    const account = await accountRow();
    const userId = account.id;
    const passkey = await passkeyRow(userId, { name: 'Work laptop' });
    // The sign-up's browser, an update of it (not new), then another browser (new).
    await sessionRow(userId, { userAgent: UA.chromeMac(155), createdAt: minutesAgo(60) });
    await sessionRow(userId, { siteId: 'jp', userAgent: UA.chromeMac(156), createdAt: minutesAgo(50) });
    await sessionRow(userId, { siteId: 'rewards', userAgent: UA.firefoxWindows, createdAt: minutesAgo(40), revokedAt: minutesAgo(30) });
    await db.accountEvent.createMany({
      data: [
        { userId, kind: 'passkey-added', siteId: 'uk', detail: 'Work laptop', at: minutesAgo(59) },
        { userId, kind: 'passkey-deleted', siteId: 'jp', detail: 'Old phone', at: minutesAgo(10) },
      ],
    });
    await db.signInEvent.createMany({
      data: [
        { userId, passkeyId: passkey.id, siteId: 'uk', success: false, errorCode: 'USER_HANDLE_MISMATCH', at: minutesAgo(20) },
        { userId, passkeyId: passkey.id, siteId: 'shop', success: false, errorCode: 'COUNTER_REGRESSION', at: minutesAgo(5) },
        // Not notices: a success, a password failure (listed with the recent sign-ins), another account's failure.
        { userId, passkeyId: passkey.id, siteId: 'uk', success: true, at: minutesAgo(4) },
        { userId, siteId: 'uk', method: 'password', success: false, errorCode: 'INVALID_CREDENTIALS', at: minutesAgo(3) },
        { userId: (await accountRow()).id, siteId: 'uk', success: false, errorCode: 'VERIFICATION_FAILED', at: minutesAgo(2) },
      ],
    });

    expect(await securityNotices(userId)).toEqual([
      { kind: 'counter-regression', at: minutesAgo(5), siteId: 'shop', detail: 'Work laptop' },
      { kind: 'passkey-deleted', at: minutesAgo(10), siteId: 'jp', detail: 'Old phone' },
      { kind: 'failed-sign-in', at: minutesAgo(20), siteId: 'uk', detail: 'Work laptop' },
      { kind: 'new-browser', at: minutesAgo(40), siteId: 'rewards', detail: 'Firefox on Windows' },
      { kind: 'passkey-added', at: minutesAgo(59), siteId: 'uk', detail: 'Work laptop' },
    ].map((notice) => ({ ...notice, at: expect.toSatisfy((at: Date) => Math.abs(at.getTime() - notice.at.getTime()) < 5_000) })));
  });

  it('keeps to the newest `limit`, and leaves out the detail it no longer has', async () => {
    const { id: userId } = await accountRow();
    const passkey = await passkeyRow(userId);
    await db.signInEvent.createMany({ data: Array.from({ length: 25 }, (_, i) => ({ userId, passkeyId: passkey.id, siteId: 'uk', success: false, errorCode: 'VERIFICATION_FAILED', at: minutesAgo(i + 1) })) });
    await db.accountEvent.create({ data: { userId, kind: 'passkey-added', siteId: 'uk', at: minutesAgo(100) } });
    expect(await securityNotices(userId)).toHaveLength(20);
    const three = await securityNotices(userId, 3);
    expect(three.map((n) => n.at.getTime())).toEqual([...three.map((n) => n.at.getTime())].sort((a, b) => b - a));

    await db.passkey.delete({ where: { id: passkey.id } });
    expect((await securityNotices(userId, 1))[0]).toEqual({ kind: 'failed-sign-in', at: expect.any(Date), siteId: 'uk' });
  });

  it('has nothing to say about an account that only signed up', async () => {
    const { id: userId } = await accountRow();
    await sessionRow(userId);
    expect(await securityNotices(userId)).toEqual([]);
  });
});
