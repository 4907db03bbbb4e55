import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, vi } from 'vitest';
import { API_ERRORS } from '@/lib/api/errors';
import { db } from '@/lib/db/client';
import { appDatabaseTest } from '@/tools/db/app-database';
import { newBindingHash, relyingPartyOf } from '@/tools/testing/relying-party';
import { refusal } from '@/tools/testing/refusal';
import { pinSweepTurns } from '@/tools/testing/sweep-turns';
import { SoftAuthenticator, type AssertionOverrides } from '@/tools/webauthn/soft-authenticator';
import { authenticationOptions, authenticationVerifyBody, verifyAuthentication } from './authentication';
import { registrationOptions, registrationVerifyBody, verifyRegistration } from './registration';

// The ceremony core against a real database, with a software authenticator that can make what
// no browser would: counters going backwards, a changed backup flag, a missing user handle.
const it = appDatabaseTest;

afterEach(() => {
  vi.restoreAllMocks();
});

const uk = relyingPartyOf('uk');
const newBinding = newBindingHash;

async function signUp(authenticator: SoftAuthenticator) {
  const bindingHash = newBinding();
  const username = `u${randomBytes(6).toString('hex')}`;
  const options = await registrationOptions({ rp: uk, body: { username }, session: null, bindingHash });
  const response = authenticator.create(options, uk.origin);
  const body = registrationVerifyBody.parse({ response });
  const result = await verifyRegistration({ rp: uk, body, session: null, bindingHash, userAgent: null, previousSessionId: undefined });
  return { ...result, credentialId: response.id };
}

/** Starts a sign-in and answers it with the authenticator, as a browser with this binding would. */
async function assertion(authenticator: SoftAuthenticator, overrides: AssertionOverrides = {}) {
  const bindingHash = newBinding();
  const options = await authenticationOptions({ rp: uk, bindingHash });
  const response = authenticator.get(options, uk.origin, overrides);
  return { bindingHash, body: authenticationVerifyBody.parse({ response }) };
}

const signIn = ({ bindingHash, body }: Awaited<ReturnType<typeof assertion>>, previousSessionId?: string) =>
  verifyAuthentication({ rp: uk, body, bindingHash, userAgent: 'test', issueSession: (session) => Promise.resolve(session), previousSessionId });

async function footprint(userId: string, credentialId: string) {
  const passkey = await db.passkey.findUniqueOrThrow({ where: { id: credentialId } });
  return {
    sessions: await db.session.count({ where: { userId } }),
    successes: await db.signInEvent.count({ where: { userId, success: true } }),
    counter: passkey.counter,
    lastUsedAt: passkey.lastUsedAt,
  };
}

const failures = (userId: string, errorCode: string) => db.signInEvent.count({ where: { userId, success: false, errorCode } });

describe('options', () => {
  it('require user verification for sign-in and registration, as verification does', async () => {
    const bindingHash = newBinding();
    expect((await authenticationOptions({ rp: uk, bindingHash })).userVerification).toBe('required');
    const registration = await registrationOptions({ rp: uk, body: { username: `u${randomBytes(4).toString('hex')}` }, session: null, bindingHash });
    expect(registration.authenticatorSelection?.userVerification).toBe('required');
  });
});

describe('verifyAuthentication', () => {
  it('signs in, records the use and opens a session whose id is returned only for the cookie', async () => {
    const authenticator = new SoftAuthenticator({ counterStep: 1 });
    const account = await signUp(authenticator);
    const result = await signIn(await assertion(authenticator));
    expect(result.user.id).toBe(account.user.id);
    expect(result.cookie).toMatchObject({ sub: account.user.id, name: account.user.username });
    const session = await db.session.findUniqueOrThrow({ where: { id: result.cookie.sid } });
    expect(session).toMatchObject({ userId: account.user.id, siteId: 'uk', passkeyId: account.credentialId, userAgent: 'test' });
    expect((await footprint(account.user.id, account.credentialId)).counter).toBe(1n);
  });

  it('ends the session this browser held on the site, and only a session of this site', async () => {
    const authenticator = new SoftAuthenticator();
    const account = await signUp(authenticator);
    const first = await signIn(await assertion(authenticator));
    const second = await signIn(await assertion(authenticator), first.cookie.sid);
    const revoked = async (sid: string) => (await db.session.findUniqueOrThrow({ where: { id: sid } })).revokedAt !== null;
    expect(await revoked(first.cookie.sid)).toBe(true);
    expect(await revoked(second.cookie.sid)).toBe(false);
    expect(await revoked(account.session?.sid ?? '')).toBe(false);

    // A session id of another site's cookie, presented here, ends nothing there.
    await db.session.update({ where: { id: second.cookie.sid }, data: { siteId: 'jp' } });
    await signIn(await assertion(authenticator), second.cookie.sid);
    expect(await revoked(second.cookie.sid)).toBe(false);
  });

  it('refuses a counter that did not move forward, records why, and changes nothing else', async () => {
    const authenticator = new SoftAuthenticator({ counterStep: 5 });
    const account = await signUp(authenticator);
    await signIn(await assertion(authenticator));
    const before = await footprint(account.user.id, account.credentialId);
    const log = vi.spyOn(console, 'warn').mockImplementation(() => undefined);

    for (const counter of [5, 2]) {
      const error = await refusal(signIn(await assertion(authenticator, { counter })));
      // Generic to the client; the stored counter is in the server log only.
      expect([error.code, error.message]).toEqual(['VERIFICATION_FAILED', API_ERRORS.VERIFICATION_FAILED.message]);
    }
    expect(log).toHaveBeenCalledWith(expect.stringContaining('counter went from 5 to 2'));
    expect(await footprint(account.user.id, account.credentialId)).toEqual(before);
    expect(await failures(account.user.id, 'COUNTER_REGRESSION')).toBe(2);
  });

  it('lets only one of two concurrent sign-ins with the same counter value through', async () => {
    const authenticator = new SoftAuthenticator();
    const account = await signUp(authenticator);
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const attempts = [await assertion(authenticator, { counter: 7 }), await assertion(authenticator, { counter: 7 })];
    const outcomes = await Promise.allSettled(attempts.map((attempt) => signIn(attempt)));
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((await footprint(account.user.id, account.credentialId)).counter).toBe(7n);
    expect(await failures(account.user.id, 'COUNTER_REGRESSION')).toBe(1);
  });

  it('refuses a passkey whose backup eligibility changed since it was registered', async () => {
    const authenticator = new SoftAuthenticator({ backupEligible: false });
    const account = await signUp(authenticator);
    const before = await footprint(account.user.id, account.credentialId);
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const error = await refusal(signIn(await assertion(authenticator, { backupEligible: true, backedUp: true })));
    expect(error.code).toBe('VERIFICATION_FAILED');
    expect(await footprint(account.user.id, account.credentialId)).toEqual(before);
    expect(await failures(account.user.id, 'BACKUP_ELIGIBILITY_CHANGED')).toBe(1);
    // The backup state itself may change (sync switched on later): that signs in and is stored.
    const synced = new SoftAuthenticator({ backupEligible: true });
    const syncedAccount = await signUp(synced);
    await signIn(await assertion(synced, { backedUp: false }));
    expect((await db.passkey.findUniqueOrThrow({ where: { id: syncedAccount.credentialId } })).backedUp).toBe(false);
  });

  it('answers a failed signature check with the generic message only', async () => {
    const authenticator = new SoftAuthenticator();
    await signUp(authenticator);
    const attempt = await assertion(authenticator);
    attempt.body.response.response.signature = Buffer.from('not a signature').toString('base64url');
    const log = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const error = await refusal(signIn(attempt));
    expect([error.code, error.message]).toEqual(['VERIFICATION_FAILED', API_ERRORS.VERIFICATION_FAILED.message]);
    expect(log).toHaveBeenCalledOnce();
  });

  it('refuses an assertion whose user handle names another account', async () => {
    const authenticator = new SoftAuthenticator();
    const account = await signUp(authenticator);
    const error = await refusal(signIn(await assertion(authenticator, { userHandle: randomBytes(32).toString('base64url') })));
    expect(error.code).toBe('USER_HANDLE_MISMATCH');
    expect(await db.session.count({ where: { userId: account.user.id } })).toBe(1);
  });
});

describe('retention', () => {
  it('sweeps sessions ended and failed attempts made over 30 days ago on sign-ins that are a sweep turn; keeps the rest', async () => {
    const authenticator = new SoftAuthenticator();
    const account = await signUp(authenticator);
    const userId = account.user.id;
    const daysAgo = (days: number) => new Date(Date.now() - days * 86400_000);
    const session = (id: string, data: { revokedAt?: Date; expiresAt?: Date; lastSeenAt?: Date }) =>
      db.session.create({ data: { id, userId, siteId: 'uk', expiresAt: data.expiresAt ?? daysAgo(-1), ...data } });
    await session('old-revoked', { revokedAt: daysAgo(31) });
    await session('old-expired', { expiresAt: daysAgo(31) });
    await session('old-idle', { lastSeenAt: daysAgo(38) });
    await session('recent-revoked', { revokedAt: daysAgo(29) });
    const event = (success: boolean, at: Date) => db.signInEvent.create({ data: { userId, siteId: 'uk', success, at, errorCode: success ? null : 'VERIFICATION_FAILED' } });
    await event(false, daysAgo(31));
    await event(false, daysAgo(29));
    await event(true, daysAgo(400));
    const oldSessions = () => db.session.count({ where: { userId, id: { startsWith: 'old-' } } });

    pinSweepTurns(false);
    await signIn(await assertion(authenticator));
    expect(await oldSessions()).toBe(3);
    pinSweepTurns(true);
    await signIn(await assertion(authenticator));
    expect((await db.session.findMany({ where: { userId, id: { in: ['old-revoked', 'old-expired', 'old-idle', 'recent-revoked'] } } })).map((s) => s.id)).toEqual([
      'recent-revoked',
    ]);
    await refusal(signIn(await assertion(authenticator, { userHandle: randomBytes(32).toString('base64url') })));
    const kept = await db.signInEvent.findMany({ where: { userId, at: { lt: daysAgo(1) } }, orderBy: { at: 'asc' } });
    expect(kept.map((e) => e.success)).toEqual([true, false]);
  });
});

describe('authenticationVerifyBody', () => {
  it('requires the user handle that discoverable sign-in always returns', async () => {
    const authenticator = new SoftAuthenticator();
    await signUp(authenticator);
    const options = await authenticationOptions({ rp: uk, bindingHash: newBinding() });
    const response = authenticator.get(options, uk.origin, { userHandle: null });
    const parsed = authenticationVerifyBody.safeParse({ response });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['response', 'response', 'userHandle']);
  });

  it('refuses credential ids over 1,023 bytes and accepts 1,023', () => {
    const withId = (bytes: number) => {
      const id = Buffer.alloc(bytes, 1).toString('base64url');
      return { response: { id, rawId: id, type: 'public-key', response: { clientDataJSON: 'e30', authenticatorData: 'AA', signature: 'AA', userHandle: 'AA' } } };
    };
    expect(authenticationVerifyBody.safeParse(withId(1023)).success).toBe(true);
    expect(authenticationVerifyBody.safeParse(withId(1024)).error?.issues[0]?.message).toMatch(/at most 1023 bytes/);
  });
});
