import { describe, expect } from 'vitest';
import { REAUTHENTICATION_WINDOW_SECONDS } from '@/lib/auth/reauthentication';
import { db } from '@/lib/db/client';
import { RATE_LIMITS } from '@/lib/rate-limit/limits';
import { siteById } from '@/lib/sites/config';
import type { Site } from '@/lib/sites/schema';
import { appDatabaseTest } from '@/tools/db/app-database';
import { accountRow, ageReauthentication, asSession, sessionRow } from '@/tools/testing/account-rows';
import { refusal } from '@/tools/testing/refusal';
import { hashPassword } from './password-hash';
import { passwordReauthenticationBody, reauthenticateWithPassword } from './password-reauthentication';

const it = appDatabaseTest;
// Every attempt checks a real hash (most of a second here).
const SLOW = { timeout: 60_000 };

const PASSWORD = 'violet kettle 2031';
const storedHash = hashPassword(PASSWORD);
function siteNamed(id: string): Site {
  const site = siteById(id);
  if (!site) throw new Error(`sites.config.ts has no site "${id}"`);
  return site;
}

const site = siteNamed('uk');

/** A password account with a session whose reauthentication has run out, and a second, fresh session. */
async function staleSession() {
  const account = await accountRow({ passwordHash: await storedHash });
  const session = await sessionRow(account.id);
  await ageReauthentication(session.id);
  const other = await sessionRow(account.id, { siteId: 'jp', reauthenticatedAt: null });
  return { account, session, other };
}

const confirm = (session: { id: string; userId: string }, password: string, address?: string) =>
  reauthenticateWithPassword({ site, session: asSession(session), body: passwordReauthenticationBody.parse({ password }), clientAddress: address });

const reauthenticatedAt = async (sessionId: string) => (await db.session.findUniqueOrThrow({ where: { id: sessionId } })).reauthenticatedAt;
const failures = (userId: string) => db.signInEvent.findMany({ where: { userId }, select: { siteId: true, method: true, success: true, errorCode: true } });

describe('reauthenticateWithPassword', () => {
  it("marks this session, and only this one, as reauthenticated by the account's password", SLOW, async () => {
    const { account, session, other } = await staleSession();
    const until = await confirm(session, PASSWORD);
    const at = await reauthenticatedAt(session.id);
    expect(at?.getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(until.getTime()).toBe((at?.getTime() ?? 0) + REAUTHENTICATION_WINDOW_SECONDS * 1000);
    expect(await reauthenticatedAt(other.id)).toBeNull();
    expect(await failures(account.id)).toEqual([]);
  });

  it('refuses a wrong password as a sign-in does, recording it and counting it against the account', SLOW, async () => {
    const { account, session } = await staleSession();
    const aged = await reauthenticatedAt(session.id);
    const error = await refusal(confirm(session, 'violet kettle 2032'));
    expect([error.code, error.status]).toEqual(['INVALID_CREDENTIALS', 401]);
    expect(await reauthenticatedAt(session.id)).toEqual(aged);
    expect(await failures(account.id)).toEqual([{ siteId: 'uk', method: 'password', success: false, errorCode: 'INVALID_CREDENTIALS' }]);
    expect(await db.rateLimit.findUnique({ where: { key: `password:account:${account.usernameKey}` } })).toMatchObject({ hits: 1 });
  });

  it("shares the sign-in's throttle: once the account's failures run out, even the right password is refused unchecked", SLOW, async () => {
    const { account, session } = await staleSession();
    const aged = await reauthenticatedAt(session.id);
    const { limit } = RATE_LIMITS['password:account'];
    for (let i = 0; i < limit; i++) expect((await refusal(confirm(session, `wrong guess ${i}`))).code).toBe('INVALID_CREDENTIALS');
    expect((await refusal(confirm(session, PASSWORD))).code).toBe('RATE_LIMITED');
    expect((await failures(account.id)).length).toBe(limit);
    expect(await reauthenticatedAt(session.id)).toEqual(aged);
  });

  it('does not count a success', SLOW, async () => {
    const { account, session } = await staleSession();
    await refusal(confirm(session, 'one wrong guess'));
    await confirm(session, PASSWORD);
    expect(await db.rateLimit.findUnique({ where: { key: `password:account:${account.usernameKey}` } })).toMatchObject({ hits: 1 });
  });

  it('tells an account without a password to use a passkey, counting and recording nothing', async () => {
    const account = await accountRow();
    const session = await sessionRow(account.id, { reauthenticatedAt: null });
    const error = await refusal(confirm(session, PASSWORD));
    expect([error.code, error.message]).toEqual(['INVALID_CREDENTIALS', "This account has no password: confirm it's you with a passkey."]);
    expect(await reauthenticatedAt(session.id)).toBeNull();
    expect(await failures(account.id)).toEqual([]);
    expect(await db.rateLimit.count({ where: { key: `password:account:${account.usernameKey}` } })).toBe(0);
  });

  it('refuses what no password can be before counting, and a body without one', async () => {
    const { session } = await staleSession();
    expect((await refusal(confirm(session, 'nul\u0000inside'))).code).toBe('INVALID_PASSWORD');
    expect(passwordReauthenticationBody.safeParse({}).success).toBe(false);
    expect(passwordReauthenticationBody.safeParse({ password: PASSWORD, username: 'x' }).success).toBe(false);
  });
});
