import { randomBytes } from 'node:crypto';
import type { PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import type { ApiErrorCode } from '@/lib/api/errors';
import { siteConfig } from '@/lib/sites/config';
import type { CeremonyClient, JsonResponse } from '@/tools/webauthn/ceremony-client';
import { SoftAuthenticator } from '@/tools/webauthn/soft-authenticator';
import { expect, test, uniqueUsername, type BrowserOn } from './account-fixtures';
import { API, type ApiPath } from './ceremonies';
import type { TestDb } from './db';

// Managing an account at the HTTP level: confirming it's you, deleting passkeys, the signed-in
// devices of every site, deleting the account. Each client is one browser on one site (its Host,
// cookie jar and software passkey provider); clients sharing a provider are one person's browsers.

const SESSION_COOKIE = '__Host-authjs.session-token';
const CHROME_ON_MAC = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';
const FIREFOX_ON_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:140.0) Gecko/20100101 Firefox/140.0';

type SignedIn = { user: { id: string; username: string; displayName: string }; passkey: { id: string; name: string } };

interface ListedSession {
  handle: string;
  siteId: string;
  browser: string | null;
  os: string | null;
  device: string | null;
  method: string;
  createdAt: string;
  lastSeenAt: string;
  current: boolean;
}

/** A refusal from the catalogue. */
function expectRefused(answer: JsonResponse, status: number, code: ApiErrorCode): void {
  expect(answer, JSON.stringify(answer.body)).toMatchObject({ status, body: { error: { code, message: expect.any(String) } } });
}

/** The session cookie an answer deleted, if it did. */
function deletedSessionCookie(answer: JsonResponse): string | undefined {
  return (answer.headers['set-cookie'] ?? []).find((cookie) => cookie.startsWith(`${SESSION_COOKIE}=;`) && /Max-Age=0/i.test(cookie));
}

/** A password no list holds, different in every test. */
const newPassword = () => `amber ${randomBytes(6).toString('hex')} lantern`;

/** A passkey account signed up on `siteId` from Chrome on a Mac, with its own provider, signed in there. */
async function passkeyAccount(browserOn: BrowserOn, siteId: string) {
  const client = browserOn(siteId, new SoftAuthenticator(), { userAgent: CHROME_ON_MAC });
  const username = uniqueUsername('mg');
  const { options, verify } = await client.signUp(username);
  const { user, passkey } = verify.body as SignedIn;
  // The WebAuthn user handle the provider stored: what the Signal API names the account by.
  const userHandle = (options.body as { options: PublicKeyCredentialCreationOptionsJSON }).options.user.id;
  return { client, username, user, passkeyId: passkey.id, userHandle };
}

/** A password account signed up on `siteId`, its session's confirmation already run out. */
async function stalePasswordAccount(browserOn: BrowserOn, db: TestDb, siteId: string) {
  const username = uniqueUsername('pw');
  const password = newPassword();
  const client = browserOn(siteId);
  const { user } = (await client.post(API.passwordSignUp, { username, password })).body as SignedIn;
  await db.ageReauthentication(user.id);
  return { client, username, password, user };
}

/** Adds a passkey made by `authenticator` (another provider) to the client's account. */
async function addPasskeyFrom(client: CeremonyClient, authenticator: SoftAuthenticator): Promise<string> {
  const { options } = (await client.post(API.registrationOptions, {})).body as { options: PublicKeyCredentialCreationOptionsJSON };
  const response = authenticator.create(options, client.origin);
  return ((await client.post(API.registrationVerify, { response })).body as SignedIn).passkey.id;
}

/** A discoverable sign-in with the provider's first passkey, whatever the answer. */
async function trySignIn(client: CeremonyClient): Promise<JsonResponse> {
  const { options } = (await client.post(API.authenticationOptions, {})).body as { options: PublicKeyCredentialRequestOptionsJSON };
  return client.answer(API.authenticationVerify, { response: client.authenticator.get(options, client.origin) });
}

async function sessionsOf(client: CeremonyClient): Promise<ListedSession[]> {
  return ((await client.post(API.listSessions, {})).body as { sessions: ListedSession[] }).sessions;
}

test.describe("confirming it's you (POST /api/account/reauthenticate/*)", () => {
  test("a passkey of the account, verified, lets this session (and no other) make sensitive changes for five minutes", async ({ db, browserOn }) => {
    const { client, user, username, passkeyId } = await passkeyAccount(browserOn, 'uk');
    // A sign-up is a fresh proof: sensitive changes work straight away.
    expect((await client.post(API.endOtherSessions, {})).body).toEqual({ ended: 0 });
    const onJp = browserOn('jp', client.authenticator);
    await onJp.signIn();
    expect(await db.reauthenticatedSites(user.id)).toEqual(['uk', 'jp']);

    await db.ageReauthentication(user.id);
    const before = await db.footprint({ usernames: [username] });
    const stale = await client.answer(API.endOtherSessions, {});
    expectRefused(stale, 403, 'REAUTHENTICATION_REQUIRED');
    expect(stale.body).toMatchObject({ error: { message: "Confirm it's you first: sign in again with your passkey or password." } });
    expect(await db.footprint({ usernames: [username] })).toEqual(before);

    const options = await client.post(API.reauthenticateOptions, {});
    const request = (options.body as { options: PublicKeyCredentialRequestOptionsJSON }).options;
    expect(request).toMatchObject({ rpId: siteConfig.rpId, userVerification: 'required', allowCredentials: [{ id: passkeyId, type: 'public-key' }] });
    expect(request.allowCredentials).toHaveLength(1);
    const response = client.authenticator.get(request, client.origin);
    const verified = await client.post(API.reauthenticateVerify, { response });
    const until = Date.parse((verified.body as { reauthenticatedUntil: string }).reauthenticatedUntil);
    expect(until - Date.now()).toBeGreaterThan(4 * 60_000);
    expect(until - Date.now()).toBeLessThanOrEqual(5 * 60_000 + 10_000);
    expect(await db.reauthenticatedSites(user.id)).toEqual(['uk']);

    // The challenge is used up; the other site's session is still not confirmed.
    expectRefused(await client.answer(API.reauthenticateVerify, { response }), 400, 'CHALLENGE_NOT_FOUND');
    expectRefused(await onJp.answer(API.endOtherSessions, {}), 403, 'REAUTHENTICATION_REQUIRED');
    expect((await client.post(API.endOtherSessions, {})).body).toEqual({ ended: 1 });
  });

  test('the password, for an account that has one: a wrong one is refused and counted as a failed sign-in', async ({ db, browserOn }) => {
    const { client, username, password, user } = await stalePasswordAccount(browserOn, db, 'jp');
    expectRefused(await client.answer(API.reauthenticateOptions, {}), 409, 'NO_PASSKEY');
    expectRefused(await client.answer(API.reauthenticatePassword, { password: `${password}!` }), 401, 'INVALID_CREDENTIALS');
    expect(await db.passwordFailures(username)).toBe(1);
    expect(await db.signInMethods(user.id)).toEqual([{ siteId: 'jp', method: 'password', success: false, errorCode: 'INVALID_CREDENTIALS' }]);
    expect(await db.reauthenticatedSites(user.id)).toEqual([]);

    expect((await client.post(API.reauthenticatePassword, { password })).body).toEqual({ reauthenticatedUntil: expect.any(String) });
    expect(await db.reauthenticatedSites(user.id)).toEqual(['jp']);

    // Now a passkey can be added, and it confirms next time.
    await client.addPasskey();
    await db.ageReauthentication(user.id);
    await client.reauthenticate();
    expect(await db.reauthenticatedSites(user.id)).toEqual(['jp']);
  });

  test('adding a passkey needs it: at the options, and again when the passkey is stored', async ({ db, browserOn }) => {
    const { client, user, username, passkeyId } = await passkeyAccount(browserOn, 'rewards');
    await db.ageReauthentication(user.id);
    const before = await db.footprint({ usernames: [username] });
    expectRefused(await client.answer(API.registrationOptions, {}), 403, 'REAUTHENTICATION_REQUIRED');
    expect(await db.footprint({ usernames: [username] })).toEqual(before);

    await client.reauthenticate();
    const { options } = (await client.post(API.registrationOptions, {})).body as { options: PublicKeyCredentialCreationOptionsJSON };
    const response = new SoftAuthenticator().create(options, client.origin);
    // The five minutes run out while the person is at the authenticator: nothing is stored.
    await db.ageReauthentication(user.id);
    expectRefused(await client.answer(API.registrationVerify, { response }), 403, 'REAUTHENTICATION_REQUIRED');
    expect((await db.passkeysOf(username)).map((p) => p.id)).toEqual([passkeyId]);
    expect(await db.accountEvents(user.id)).toEqual([{ kind: 'passkey-added', siteId: 'rewards', detail: expect.any(String) }]);
  });
});

test.describe('deleting a passkey (POST /api/account/passkeys/delete)', () => {
  test('deletes it, answers what signalAllAcceptedCredentials needs, and the passkey is refused at sign-in on every site', async ({ db, browserOn }) => {
    const { client, user, username, passkeyId, userHandle } = await passkeyAccount(browserOn, 'shop');
    const otherProvider = new SoftAuthenticator();
    const secondId = await addPasskeyFrom(client, otherProvider);

    const deleted = await client.post(API.deletePasskey, { passkeyId });
    expect(deleted.body).toEqual({ deleted: passkeyId, userHandle, remainingCredentialIds: [secondId], endedSessions: 0 });
    expect((await db.passkeysOf(username)).map((p) => p.id)).toEqual([secondId]);
    expect((await db.accountEvents(user.id)).map((e) => [e.kind, e.siteId])).toEqual([
      ['passkey-added', 'shop'],
      ['passkey-added', 'shop'],
      ['passkey-deleted', 'shop'],
    ]);

    for (const site of siteConfig.sites) {
      expectRefused(await trySignIn(browserOn(site.id, client.authenticator)), 404, 'UNKNOWN_CREDENTIAL');
    }
    expect(((await browserOn('uk', otherProvider).signIn()).verify.body as SignedIn).user.id).toBe(user.id);
  });

  test('refuses to delete the last way to sign in; with a password, the only passkey may go', async ({ db, browserOn }) => {
    const { client, username, passkeyId } = await passkeyAccount(browserOn, 'uk');
    const before = await db.footprint({ usernames: [username] });
    const refused = await client.answer(API.deletePasskey, { passkeyId });
    expectRefused(refused, 409, 'LAST_SIGN_IN_METHOD');
    expect(refused.body).toMatchObject({ error: { message: 'This is your only way to sign in: add another passkey or a password first.' } });
    expect(await db.footprint({ usernames: [username] })).toEqual(before);

    const withPassword = browserOn('jp');
    await withPassword.post(API.passwordSignUp, { username: uniqueUsername('pw'), password: newPassword() });
    const { passkey } = (await withPassword.addPasskey()).verify.body as SignedIn;
    expect((await withPassword.post(API.deletePasskey, { passkeyId: passkey.id })).body).toMatchObject({ deleted: passkey.id, remainingCredentialIds: [] });
  });

  test("another account's passkey, a missing one, malformed ids and a stale session: catalogue 4xx, nothing changes", async ({ db, browserOn }) => {
    const mine = await passkeyAccount(browserOn, 'uk');
    await addPasskeyFrom(mine.client, new SoftAuthenticator());
    const theirs = await passkeyAccount(browserOn, 'jp');
    await addPasskeyFrom(theirs.client, new SoftAuthenticator());
    const scope = { usernames: [mine.username, theirs.username] };
    const before = await db.footprint(scope);

    expectRefused(await mine.client.answer(API.deletePasskey, { passkeyId: theirs.passkeyId }), 404, 'UNKNOWN_PASSKEY');
    expectRefused(await mine.client.answer(API.deletePasskey, { passkeyId: 'bm8tc3VjaC1wYXNza2V5' }), 404, 'UNKNOWN_PASSKEY');
    for (const body of [{ passkeyId: 'not base64url!' }, { passkeyId: '' }, { passkeyId: 42 }, { passkeyId: 'A'.repeat(2000) }, {}, { passkeyId: mine.passkeyId, userId: theirs.user.id }]) {
      expectRefused(await mine.client.answer(API.deletePasskey, body), 400, 'INVALID_REQUEST');
    }
    await db.ageReauthentication(mine.user.id);
    expectRefused(await mine.client.answer(API.deletePasskey, { passkeyId: mine.passkeyId }), 403, 'REAUTHENTICATION_REQUIRED');

    expect(await db.footprint(scope)).toEqual(before);
    expect((await db.accountEvents(mine.user.id)).map((e) => e.kind)).toEqual(['passkey-added', 'passkey-added']);
    expect((await db.accountEvents(theirs.user.id)).map((e) => e.kind)).toEqual(['passkey-added', 'passkey-added']);
  });

  test('two deletes at once of the last two passkeys, from two browsers, leave exactly one', async ({ db, browserOn }) => {
    const { client, username, passkeyId } = await passkeyAccount(browserOn, 'uk');
    const otherProvider = new SoftAuthenticator();
    const secondId = await addPasskeyFrom(client, otherProvider);
    // The second browser signs in with the second passkey, so neither deletion ends the other's session.
    const onJp = browserOn('jp', otherProvider);
    await onJp.signIn();

    const answers = await Promise.all([client.answer(API.deletePasskey, { passkeyId }), onJp.answer(API.deletePasskey, { passkeyId: secondId })]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect(await db.passkeysOf(username)).toHaveLength(1);
  });
});

test.describe('signed-in devices across the family (POST /api/account/sessions/*)', () => {
  test('a session ended from example.com stops working on example.co.uk at its next request', async ({ db, browserOn }) => {
    const { client: onCom, user, passkeyId } = await passkeyAccount(browserOn, 'shop');
    const onUk = browserOn('uk', onCom.authenticator, { userAgent: FIREFOX_ON_WINDOWS });
    await onUk.signIn();
    const rename = (client: CeremonyClient) => client.answer(API.renamePasskey, { passkeyId, name: 'Still here' });
    expect((await rename(onUk)).status).toBe(200);

    const sessions = await sessionsOf(onCom);
    const listed = { handle: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/), device: 'desktop', method: 'passkey', passkeyId, createdAt: expect.any(String), lastSeenAt: expect.any(String) };
    expect(sessions).toEqual([
      { ...listed, siteId: 'shop', browser: 'Chrome 156', os: 'macOS', current: true },
      { ...listed, siteId: 'uk', browser: 'Firefox 140', os: 'Windows', current: false },
    ]);
    // A handle names a session without being its id, a bearer secret.
    for (const id of await db.liveSessionIds(user.id)) expect(JSON.stringify(sessions)).not.toContain(id);

    const ukHandle = sessions[1]?.handle;
    expect((await onCom.post(API.endSession, { handle: ukHandle })).body).toEqual({ ended: ukHandle, current: false });
    expectRefused(await rename(onUk), 401, 'NOT_SIGNED_IN');
    expect((await onUk.get('/api/auth/session')).body).toBeNull();
    expect(await db.sessionSites(user.id)).toEqual([
      { siteId: 'shop', revoked: false },
      { siteId: 'uk', revoked: true },
    ]);
    expect((await sessionsOf(onCom)).map((s) => s.siteId)).toEqual(['shop']);
  });

  test('ending this session is signing out: no fresh confirmation needed, and the cookie goes', async ({ db, browserOn }) => {
    const { client, user } = await passkeyAccount(browserOn, 'jp');
    await db.ageReauthentication(user.id);
    const [own] = await sessionsOf(client);
    const answer = await client.post(API.endSession, { handle: own?.handle });
    expect(answer.body).toEqual({ ended: own?.handle, current: true });
    expect(deletedSessionCookie(answer)).toBeDefined();
    expect(await db.sessionSites(user.id)).toEqual([{ siteId: 'jp', revoked: true }]);
    expectRefused(await client.answer(API.listSessions, {}), 401, 'NOT_SIGNED_IN');
  });

  test('signing out everywhere else needs a fresh confirmation, then ends every other session on every site', async ({ db, browserOn }) => {
    const { client, user, passkeyId } = await passkeyAccount(browserOn, 'shop');
    const others = ['uk', 'jp', 'rewards'].map((siteId) => browserOn(siteId, client.authenticator));
    for (const other of others) await other.signIn();
    await db.ageReauthentication(user.id);
    const before = await db.sessionSites(user.id);

    expectRefused(await client.answer(API.endOtherSessions, {}), 403, 'REAUTHENTICATION_REQUIRED');
    expect(await db.sessionSites(user.id)).toEqual(before);

    await client.reauthenticate();
    expect((await client.post(API.endOtherSessions, {})).body).toEqual({ ended: 3 });
    expect(await db.sessionSites(user.id)).toEqual([
      { siteId: 'shop', revoked: false },
      { siteId: 'uk', revoked: true },
      { siteId: 'jp', revoked: true },
      { siteId: 'rewards', revoked: true },
    ]);
    for (const other of others) expectRefused(await other.answer(API.renamePasskey, { passkeyId, name: 'After' }), 401, 'NOT_SIGNED_IN');
  });

  test("another account's session, a made-up handle and malformed ones are refused, ending nothing", async ({ db, browserOn }) => {
    const mine = await passkeyAccount(browserOn, 'uk');
    const theirs = await passkeyAccount(browserOn, 'jp');
    const [theirSession] = await sessionsOf(theirs.client);
    const [theirId] = await db.liveSessionIds(theirs.user.id);
    const before = [await db.sessionSites(mine.user.id), await db.sessionSites(theirs.user.id)];

    for (const handle of [theirSession?.handle, 'AAAAAAAAAAAAAAAAAAAAAA']) {
      expectRefused(await mine.client.answer(API.endSession, { handle }), 404, 'UNKNOWN_SESSION');
    }
    // A session id is no handle, even one's own session's.
    for (const body of [{ handle: theirId }, { handle: 'short' }, { handle: 42 }, {}, { handle: theirSession?.handle, userId: theirs.user.id }]) {
      expectRefused(await mine.client.answer(API.endSession, body), 400, 'INVALID_REQUEST');
    }
    expect([await db.sessionSites(mine.user.id), await db.sessionSites(theirs.user.id)]).toEqual(before);
  });
});

test.describe('deleting the account (POST /api/account/delete)', () => {
  test('needs the username and a fresh confirmation, then removes every row of the account and signs it out everywhere', async ({ db, browserOn }) => {
    const { client, user, username, userHandle, passkeyId } = await passkeyAccount(browserOn, 'shop');
    const onUk = browserOn('uk', client.authenticator);
    await onUk.signIn();
    const before = await db.rowsOfAccount(user.id, username);
    expect(before).toMatchObject({ users: 1, passkeys: 1, sessions: 2, signInEvents: 1, accountEvents: 1 });

    for (const typed of [`${username}x`, 'someone-else', '']) {
      expectRefused(await client.answer(API.deleteAccount, { username: typed }), 422, 'CONFIRMATION_MISMATCH');
    }
    expectRefused(await client.answer(API.deleteAccount, {}), 400, 'INVALID_REQUEST');
    await db.ageReauthentication(user.id);
    expectRefused(await client.answer(API.deleteAccount, { username }), 403, 'REAUTHENTICATION_REQUIRED');
    expect(await db.rowsOfAccount(user.id, username)).toEqual(before);

    await client.reauthenticate();
    const deleted = await client.post(API.deleteAccount, { username: username.toUpperCase() });
    expect(deleted.body).toEqual({ deleted: true, userHandle });
    expect(deletedSessionCookie(deleted)).toBeDefined();
    expect(await db.rowsOfAccount(user.id, username)).toEqual({ users: 0, passkeys: 0, sessions: 0, signInEvents: 0, accountEvents: 0, challenges: 0, passwordThrottle: 0 });

    expectRefused(await onUk.answer(API.renamePasskey, { passkeyId, name: 'After' }), 401, 'NOT_SIGNED_IN');
    expectRefused(await trySignIn(browserOn('jp', client.authenticator)), 404, 'UNKNOWN_CREDENTIAL');
  });

  test("a password account's throttle counter goes with it", async ({ db, browserOn }) => {
    const { client, username, password, user } = await stalePasswordAccount(browserOn, db, 'rewards');
    expectRefused(await client.answer(API.reauthenticatePassword, { password: `${password}?` }), 401, 'INVALID_CREDENTIALS');
    await client.post(API.reauthenticatePassword, { password });
    expect((await db.rowsOfAccount(user.id, username)).passwordThrottle).toBe(1);

    await client.post(API.deleteAccount, { username });
    expect(await db.rowsOfAccount(user.id, username)).toEqual({ users: 0, passkeys: 0, sessions: 0, signInEvents: 0, accountEvents: 0, challenges: 0, passwordThrottle: 0 });
  });
});

test('the display name: no confirmation needed; the answer is what signalCurrentUserDetails needs; invalid names change nothing', async ({ db, browserOn }) => {
  const { client, user, username, userHandle } = await passkeyAccount(browserOn, 'rewards');
  await db.ageReauthentication(user.id);
  expect((await client.post(API.displayName, { displayName: '  Pat Example ' })).body).toEqual({ displayName: 'Pat Example', userHandle, username });
  for (const displayName of ['a'.repeat(65), 'bidi\u202eoverride', 'nul\u0000']) {
    expectRefused(await client.answer(API.displayName, { displayName }), 422, 'INVALID_DISPLAY_NAME');
  }
  expectRefused(await client.answer(API.displayName, { displayName: 42 }), 400, 'INVALID_REQUEST');
  // Blank falls back to the username, as at sign-up.
  expect((await client.post(API.displayName, { displayName: '' })).body).toEqual({ displayName: username, userHandle, username });
});

test('without a session on this site, every account endpoint answers NOT_SIGNED_IN and writes nothing', async ({ db, browserOn }) => {
  const { client, user, username, passkeyId } = await passkeyAccount(browserOn, 'uk');
  const [own] = await sessionsOf(client);
  const assertion = client.authenticator.get({ challenge: randomBytes(32).toString('base64url'), rpId: siteConfig.rpId }, client.origin);
  const requests: [ApiPath, unknown][] = [
    [API.reauthenticateOptions, {}],
    [API.reauthenticateVerify, { response: assertion }],
    [API.reauthenticatePassword, { password: newPassword() }],
    [API.deletePasskey, { passkeyId }],
    [API.displayName, { displayName: 'Mallory' }],
    [API.listSessions, {}],
    [API.endSession, { handle: own?.handle }],
    [API.endOtherSessions, {}],
    [API.deleteAccount, { username }],
  ];
  // No cookie at all, and this account's uk cookies presented on example.co.jp.
  const stranger = browserOn('uk');
  const copied = browserOn('jp');
  for (const pair of (client.jar.header() ?? '').split('; ')) copied.jar.store([pair]);
  const before = [await db.footprint({ usernames: [username] }), await db.rowsOfAccount(user.id, username)];

  for (const [path, body] of requests) {
    for (const browser of [stranger, copied]) expectRefused(await browser.answer(path, body), 401, 'NOT_SIGNED_IN');
  }
  expect([await db.footprint({ usernames: [username] }), await db.rowsOfAccount(user.id, username)]).toEqual(before);
});
