import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, vi } from 'vitest';
import { REAUTHENTICATION_WINDOW_SECONDS } from '@/lib/auth/reauthentication';
import { db } from '@/lib/db/client';
import { siteConfig } from '@/lib/sites/config';
import { appDatabaseTest } from '@/tools/db/app-database';
import { newBindingHash, relyingPartyOf } from '@/tools/testing/relying-party';
import { accountRow, ageReauthentication, sessionRow } from '@/tools/testing/account-rows';
import { refusal } from '@/tools/testing/refusal';
import { SoftAuthenticator, type AssertionOverrides, type SoftCredential } from '@/tools/webauthn/soft-authenticator';
import { authenticationVerifyBody, verifyAuthentication } from './authentication';
import { reauthenticationOptions, reauthenticationVerifyBody, verifyReauthentication } from './reauthentication';
import { registrationOptions, registrationVerifyBody, verifyRegistration } from './registration';

// Confirming it's you with a passkey, and adding a passkey, which needs it: real ceremonies with
// a software authenticator against a real database.
const it = appDatabaseTest;

afterEach(() => {
  vi.restoreAllMocks();
});

const uk = relyingPartyOf('uk');
const newBinding = newBindingHash;

/** A passkey account signed up on uk: its session (reauthenticated by the sign-up), passkey and authenticator. */
async function signedUp(authenticator = new SoftAuthenticator()) {
  const bindingHash = newBinding();
  const options = await registrationOptions({ rp: uk, body: { username: `u${randomBytes(6).toString('hex')}` }, session: null, bindingHash });
  const response = authenticator.create(options, uk.origin);
  const result = await verifyRegistration({ rp: uk, body: registrationVerifyBody.parse({ response }), session: null, bindingHash, userAgent: 'test', previousSessionId: undefined });
  if (!result.session) throw new Error('a sign-up opens a session');
  return { userId: result.user.id, session: { userId: result.user.id, sessionId: result.session.sid }, credentialId: response.id, authenticator };
}

type Account = Awaited<ReturnType<typeof signedUp>>;

/** Options for the account's session, answered by `authenticator` (its own by default), as a browser with this binding would. */
async function assertion(
  account: Account,
  { authenticator = account.authenticator, ...overrides }: AssertionOverrides & { authenticator?: SoftAuthenticator; credential?: SoftCredential } = {},
) {
  const bindingHash = newBinding();
  const options = await reauthenticationOptions({ rp: uk, bindingHash, session: account.session });
  const response = authenticator.get(options, uk.origin, overrides);
  return { bindingHash, options, body: reauthenticationVerifyBody.parse({ response }) };
}

const reauthenticatedAt = async (sessionId: string) => (await db.session.findUniqueOrThrow({ where: { id: sessionId } })).reauthenticatedAt;

describe('reauthenticationOptions', () => {
  it("asks for one of the account's own passkeys, with user verification, and stores the challenge for this browser and account", async () => {
    const account = await signedUp();
    const bindingHash = newBinding();
    const options = await reauthenticationOptions({ rp: uk, bindingHash, session: account.session });
    expect(options).toMatchObject({ rpId: siteConfig.rpId, userVerification: 'required', allowCredentials: [{ id: account.credentialId, type: 'public-key', transports: ['internal', 'hybrid'] }] });
    expect(await db.challenge.findUniqueOrThrow({ where: { challenge: options.challenge } })).toMatchObject({ purpose: 'reauthentication', siteId: 'uk', bindingHash, userId: account.userId });
  });

  it('tells an account without a passkey to use its password, storing nothing', async () => {
    const { id: userId } = await accountRow({ passwordHash: 'scrypt$x' });
    const session = await sessionRow(userId);
    const bindingHash = newBinding();
    const error = await refusal(reauthenticationOptions({ rp: uk, bindingHash, session: { userId, sessionId: session.id } }));
    expect([error.code, error.status]).toEqual(['NO_PASSKEY', 409]);
    expect(await db.challenge.count({ where: { bindingHash } })).toBe(0);
  });
});

describe('verifyReauthentication', () => {
  it('marks this session, and only this one, as reauthenticated for five minutes, and records the use of the passkey', async () => {
    const account = await signedUp(new SoftAuthenticator({ counterStep: 1 }));
    await ageReauthentication(account.session.sessionId);
    const elsewhere = await sessionRow(account.userId, { siteId: 'jp', reauthenticatedAt: null });
    const { bindingHash, body } = await assertion(account);

    const until = await verifyReauthentication({ rp: uk, body, bindingHash, session: account.session });
    const at = await reauthenticatedAt(account.session.sessionId);
    expect(at?.getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(until.getTime()).toBe((at?.getTime() ?? 0) + REAUTHENTICATION_WINDOW_SECONDS * 1000);
    expect(await reauthenticatedAt(elsewhere.id)).toBeNull();
    expect(await db.passkey.findUniqueOrThrow({ where: { id: account.credentialId } })).toMatchObject({ counter: 1n, lastUsedOnSite: 'uk' });
    // No new session, and no sign-in: the account's history shows sign-ins only.
    expect(await db.session.count({ where: { userId: account.userId } })).toBe(2);
    expect(await db.signInEvent.count({ where: { userId: account.userId } })).toBe(0);
  });

  it('uses its challenge once, and only in the session of the account it was issued to', async () => {
    const account = await signedUp();
    const intruder = await signedUp();
    await ageReauthentication(account.session.sessionId);
    const aged = await reauthenticatedAt(account.session.sessionId);
    const { bindingHash, body } = await assertion(account);

    const mismatch = await refusal(verifyReauthentication({ rp: uk, body, bindingHash, session: intruder.session }));
    expect([mismatch.code, mismatch.status]).toEqual(['ACCOUNT_MISMATCH', 403]);
    const asSignIn = await refusal(verifyAuthentication({ rp: uk, body: authenticationVerifyBody.parse(body), bindingHash, userAgent: 'test', issueSession: (s) => Promise.resolve(s), previousSessionId: undefined }));
    expect(asSignIn.code).toBe('CHALLENGE_PURPOSE_MISMATCH');
    expect((await refusal(verifyReauthentication({ rp: uk, body, bindingHash: newBinding(), session: account.session }))).code).toBe('CHALLENGE_NOT_BOUND');
    expect((await refusal(verifyReauthentication({ rp: relyingPartyOf('jp'), body, bindingHash, session: account.session }))).code).toBe('ORIGIN_MISMATCH');
    expect(await reauthenticatedAt(account.session.sessionId)).toEqual(aged);

    await verifyReauthentication({ rp: uk, body, bindingHash, session: account.session });
    expect((await refusal(verifyReauthentication({ rp: uk, body, bindingHash, session: account.session }))).code).toBe('CHALLENGE_NOT_FOUND');
  });

  it("refuses another account's passkey, recording the attempt against that passkey", async () => {
    const account = await signedUp();
    const other = await signedUp();
    await ageReauthentication(account.session.sessionId);
    const aged = await reauthenticatedAt(account.session.sessionId);
    const { bindingHash, body } = await assertion(account, { authenticator: other.authenticator, credential: other.authenticator.credentials[0] });
    const error = await refusal(verifyReauthentication({ rp: uk, body, bindingHash, session: account.session }));
    expect(error.code).toBe('ACCOUNT_MISMATCH');
    expect(await reauthenticatedAt(account.session.sessionId)).toEqual(aged);
    expect(await db.signInEvent.findMany({ where: { passkeyId: other.credentialId }, select: { success: true, errorCode: true } })).toEqual([{ success: false, errorCode: 'ACCOUNT_MISMATCH' }]);
  });

  it('refuses an assertion without user verification, and a counter that went backwards, as a sign-in does', async () => {
    const account = await signedUp(new SoftAuthenticator({ counterStep: 1 }));
    await ageReauthentication(account.session.sessionId);
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);

    const unverified = await assertion(account, { userVerified: false });
    expect((await refusal(verifyReauthentication({ rp: uk, ...unverified, session: account.session }))).code).toBe('USER_VERIFICATION_REQUIRED');
    await verifyReauthentication({ rp: uk, ...(await assertion(account, { counter: 5 })), session: account.session });
    await ageReauthentication(account.session.sessionId);
    const aged = await reauthenticatedAt(account.session.sessionId);
    const cloned = await assertion(account, { counter: 3 });
    expect((await refusal(verifyReauthentication({ rp: uk, ...cloned, session: account.session }))).code).toBe('VERIFICATION_FAILED');

    expect(await reauthenticatedAt(account.session.sessionId)).toEqual(aged);
    expect((await db.signInEvent.findMany({ where: { userId: account.userId }, orderBy: { at: 'asc' } })).map((e) => e.errorCode)).toEqual(['USER_VERIFICATION_REQUIRED', 'COUNTER_REGRESSION']);
  });
});

describe('adding a passkey', () => {
  it('needs a recent reauthentication, at options and again when the passkey is stored; a sign-up does not', async () => {
    const account = await signedUp();
    const bindingHash = newBinding();
    await ageReauthentication(account.session.sessionId);
    expect((await refusal(registrationOptions({ rp: uk, body: {}, session: account.session, bindingHash }))).code).toBe('REAUTHENTICATION_REQUIRED');
    expect(await db.challenge.count({ where: { bindingHash } })).toBe(0);

    await verifyReauthentication({ rp: uk, ...(await assertion(account)), session: account.session });
    const options = await registrationOptions({ rp: uk, body: {}, session: account.session, bindingHash });
    const response = new SoftAuthenticator().create(options, uk.origin);
    // The window runs out while the person is at the authenticator: nothing is stored.
    await ageReauthentication(account.session.sessionId);
    const verify = () => verifyRegistration({ rp: uk, body: registrationVerifyBody.parse({ response }), session: account.session, bindingHash, userAgent: 'test', previousSessionId: undefined });
    expect((await refusal(verify())).code).toBe('REAUTHENTICATION_REQUIRED');
    expect(await db.passkey.count({ where: { userId: account.userId } })).toBe(1);
    expect(await db.accountEvent.count({ where: { userId: account.userId, kind: 'passkey-added' } })).toBe(1);

    // A sign-up from a browser holding a stale session is no sensitive change.
    const signUp = await registrationOptions({ rp: uk, body: { username: `u${randomBytes(6).toString('hex')}` }, session: account.session, bindingHash });
    expect(signUp.user.name).toMatch(/^u/);
  });

  it('stores the passkey and records it as added when the session is fresh', async () => {
    const account = await signedUp();
    const bindingHash = newBinding();
    const jp = relyingPartyOf('jp');
    const options = await registrationOptions({ rp: jp, body: {}, session: account.session, bindingHash });
    const response = new SoftAuthenticator().create(options, jp.origin);
    const added = await verifyRegistration({ rp: jp, body: registrationVerifyBody.parse({ response }), session: account.session, bindingHash, userAgent: 'test', previousSessionId: undefined });
    expect(added.passkey.id).toBe(response.id);
    expect(await db.passkey.count({ where: { userId: account.userId } })).toBe(2);
    expect(await db.accountEvent.findMany({ where: { userId: account.userId }, orderBy: { at: 'asc' }, select: { kind: true, siteId: true } })).toEqual([
      { kind: 'passkey-added', siteId: 'uk' },
      { kind: 'passkey-added', siteId: 'jp' },
    ]);
  });
});
