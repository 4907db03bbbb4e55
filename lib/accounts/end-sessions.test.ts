import { describe, expect } from 'vitest';
import { isSessionLive } from '@/lib/auth/sessions';
import { db } from '@/lib/db/client';
import { appDatabaseTest } from '@/tools/db/app-database';
import { accountRow, ageReauthentication, asSession, sessionRow } from '@/tools/testing/account-rows';
import { refusal } from '@/tools/testing/refusal';
import { endOtherSessions, endSession } from './end-sessions';
import { liveSessions } from './sessions-view';

const it = appDatabaseTest;

const revoked = async (id: string) => (await db.session.findUniqueOrThrow({ where: { id } })).revokedAt !== null;

/** An account signed in on uk (this browser), jp and rewards. */
async function signedInThrice() {
  const account = await accountRow();
  const here = await sessionRow(account.id);
  const jp = await sessionRow(account.id, { siteId: 'jp' });
  const rewards = await sessionRow(account.id, { siteId: 'rewards' });
  const handles = Object.fromEntries((await liveSessions(account.id, here.id)).map((s) => [s.siteId, s.handle]));
  return { account, here, jp, rewards, handle: (siteId: string) => handles[siteId] ?? '' };
}

describe('endSession', () => {
  it('ends a session on another site by its handle; it no longer stands there', async () => {
    const { here, jp, rewards, handle } = await signedInThrice();
    expect(await endSession({ session: asSession(here), handle: handle('jp') })).toEqual({ current: false });
    expect(await isSessionLive(jp.id, 'jp')).toBe(false);
    expect([await revoked(here.id), await revoked(rewards.id)]).toEqual([false, false]);
  });

  it('ends this session without a recent reauthentication: it is signing out', async () => {
    const { here, handle } = await signedInThrice();
    await ageReauthentication(here.id);
    expect(await endSession({ session: asSession(here), handle: handle('uk') })).toEqual({ current: true });
    expect(await revoked(here.id)).toBe(true);
  });

  it('needs a recent reauthentication to end another session: a stale one ends nothing', async () => {
    const { here, jp, handle } = await signedInThrice();
    await ageReauthentication(here.id);
    expect((await refusal(endSession({ session: asSession(here), handle: handle('jp') }))).code).toBe('REAUTHENTICATION_REQUIRED');
    expect(await revoked(jp.id)).toBe(false);
  });

  it("answers UNKNOWN_SESSION for another account's session, an ended one and a made-up handle, ending nothing", async () => {
    const { here, jp, handle } = await signedInThrice();
    const other = await signedInThrice();
    await endSession({ session: asSession(here), handle: handle('jp') });
    for (const unknown of [other.handle('jp'), handle('jp'), 'AAAAAAAAAAAAAAAAAAAAAA']) {
      const error = await refusal(endSession({ session: asSession(here), handle: unknown }));
      expect([error.code, error.status]).toEqual(['UNKNOWN_SESSION', 404]);
    }
    expect(await revoked(other.jp.id)).toBe(false);
    expect(await revoked(jp.id)).toBe(true);
  });
});

describe('endOtherSessions', () => {
  it('ends every live session of the account on every site but this one, and says how many', async () => {
    const { account, here, jp, rewards } = await signedInThrice();
    await sessionRow(account.id, { revokedAt: new Date() });
    const other = await signedInThrice();
    expect(await endOtherSessions(asSession(here))).toBe(2);
    expect([await revoked(here.id), await revoked(jp.id), await revoked(rewards.id)]).toEqual([false, true, true]);
    expect(await revoked(other.jp.id)).toBe(false);
    expect(await endOtherSessions(asSession(here))).toBe(0);
  });

  it('needs a recent reauthentication: a stale session ends nothing', async () => {
    const { here, jp } = await signedInThrice();
    await ageReauthentication(here.id);
    expect((await refusal(endOtherSessions(asSession(here)))).code).toBe('REAUTHENTICATION_REQUIRED');
    expect(await revoked(jp.id)).toBe(false);
  });
});
