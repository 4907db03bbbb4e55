import { randomBytes } from 'node:crypto';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import type { ApiErrorCode } from '@/lib/api/errors';
import { MAX_BODY_BYTES } from '@/lib/api/limits';
import { allHostnames, siteConfig } from '@/lib/sites/config';
import { base64url, expect, origin, test, uniqueUsername } from './account-fixtures';
import { requestAs } from './http';
import { APP_PORT } from './ports';
import { API, challengeOf, host, ok, postAs, type ApiAnswer, type ApiPath, type SignedIn } from './ceremonies';

type CreationOptions = { options: PublicKeyCredentialCreationOptionsJSON };
type RequestOptions = { options: PublicKeyCredentialRequestOptionsJSON };

const SESSION_COOKIE = '__Host-authjs.session-token';

/** A refusal: the status, the error code, and no session cookie handed out with it. */
function expectRefused(answer: ApiAnswer, status: number, code: ApiErrorCode): void {
  expect(answer, JSON.stringify(answer.json)).toMatchObject({ status, json: { error: { code, message: expect.any(String) } } });
  expect(answer.setCookies.filter((cookie) => cookie.includes('authjs.session-token'))).toEqual([]);
}

/** The session cookie a verify answer set: secure, HttpOnly, and host-only (no Domain). */
function expectHostOnlySessionCookie(answer: ApiAnswer): void {
  const cookie = answer.setCookies.find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  expect(cookie, `Set-Cookie headers: ${answer.setCookies.join(' | ')}`).toBeDefined();
  expect(cookie).not.toMatch(/;\s*domain=/i);
  expect(cookie).toMatch(/;\s*secure/i);
  expect(cookie).toMatch(/;\s*httponly/i);
}

function json(body: unknown): string {
  return JSON.stringify(body);
}

test.describe('one passkey across the site family', () => {
  test('made on example-rewards.com, it signs in on example.co.uk: same account, a host-only session per site', async ({ page, api, db, authenticator, username }) => {
    await api.visit('rewards');
    const optionsAnswer = await api.registrationOptions({ username });
    const { options } = ok<CreationOptions>(optionsAnswer);
    // The shared RP ID, with the brand of the site the person is on.
    expect(options.rp).toEqual({ id: siteConfig.rpId, name: 'Example Rewards' });
    expect(optionsAnswer.setCookies.some((c) => c.startsWith('__Host-atlas-ceremony=') && !/;\s*domain=/i.test(c))).toBe(true);

    const signUp = await api.registrationVerify(await api.create(options));
    const { user, passkey } = ok<SignedIn>(signUp);
    expect(user.username).toBe(username);
    expectHostOnlySessionCookie(signUp);
    const stored = await authenticator.credentials();
    expect(stored.map((c) => ({ id: base64url(c.credentialId), rpId: c.rpId }))).toEqual([{ id: passkey.id, rpId: siteConfig.rpId }]);

    // Signed in on example-rewards.com only: example.co.uk has no session of its own yet.
    await api.visit('uk');
    expect(await api.sessionUser()).toBeNull();

    const signIn = await api.signIn();
    expect(signIn.user.id).toBe(user.id);
    expect(signIn.passkey.id).toBe(passkey.id);
    expectHostOnlySessionCookie(signIn.answer);
    expect(await api.sessionUser()).toMatchObject({ id: user.id, name: username });
    const ukSession = (await page.context().cookies(origin('uk'))).find((c) => c.name === SESSION_COOKIE);
    expect(ukSession?.domain).toBe(host('uk'));

    expect(await db.sessionSites(user.id)).toEqual([
      { siteId: 'rewards', revoked: false },
      { siteId: 'uk', revoked: false },
    ]);
    expect(await db.signIns(user.id)).toEqual([{ siteId: 'uk', success: true, errorCode: null }]);
    // Still one credential: signing in elsewhere made no second passkey.
    expect(await authenticator.credentials()).toHaveLength(1);
  });

  test('a session cookie copied from one site to another is refused there', async ({ api, passkeyUser }) => {
    await api.visit('uk');
    await api.signIn();
    const ukCookies = await api.cookieHeader('uk');
    const sessionOn = async (siteId: string) => JSON.parse((await requestAs(host(siteId), '/api/auth/session', { headers: { cookie: ukCookies } })).body) as unknown;
    expect(await sessionOn('uk')).toMatchObject({ user: { id: passkeyUser.userId } });
    expect(await sessionOn('jp')).toBeNull();
    expect(await sessionOn('rewards')).toBeNull();
  });

  test('signing in again ends the session this browser held on that site, not those of other sites', async ({ api, db, passkeyUser }) => {
    await api.visit('jp');
    await api.signIn();
    await api.visit('uk');
    await api.signIn();
    const oldUkCookies = await api.cookieHeader('uk');
    await api.signIn();
    expect(await db.sessionSites(passkeyUser.userId)).toEqual([
      { siteId: passkeyUser.siteId, revoked: false },
      { siteId: 'jp', revoked: false },
      { siteId: 'uk', revoked: true },
      { siteId: 'uk', revoked: false },
    ]);
    // The replaced cookie no longer signs anyone in.
    expect(JSON.parse((await requestAs(host('uk'), '/api/auth/session', { headers: { cookie: oldUkCookies } })).body)).toBeNull();
    expect(await api.sessionUser()).toMatchObject({ id: passkeyUser.userId });
  });
});

test.describe('a challenge is used once, in time, on its site, for its ceremony', () => {
  test('a sign-up verify body posted again is refused and writes nothing', async ({ api, db, username }) => {
    await api.visit('rewards');
    const { response } = await api.startSignUp(username);
    ok<SignedIn>(await api.registrationVerify(response));
    const scope = { usernames: [username], credentialIds: [response.id], challenges: [challengeOf(response)] };
    const before = await db.footprint(scope);

    expectRefused(await api.registrationVerify(response), 400, 'CHALLENGE_NOT_FOUND');
    expect(await db.footprint(scope)).toEqual(before);
  });

  test('a sign-in verify body posted again is refused and writes nothing', async ({ api, db, passkeyUser }) => {
    await api.visit('uk');
    const { response } = await api.startSignIn();
    ok<SignedIn>(await api.authenticationVerify(response));
    const scope = { usernames: [passkeyUser.username], challenges: [challengeOf(response)] };
    const before = await db.footprint(scope);

    expectRefused(await api.authenticationVerify(response), 400, 'CHALLENGE_NOT_FOUND');
    expect(await db.footprint(scope)).toEqual(before);
  });

  test('an expired sign-up challenge is refused; the account is not created', async ({ api, db, username }) => {
    await api.visit('uk');
    const { response } = await api.startSignUp(username);
    const challenge = challengeOf(response);
    await db.expireChallenge(challenge);
    const scope = { usernames: [username], credentialIds: [response.id], challenges: [challenge] };
    const before = await db.footprint(scope);
    expect(before).toEqual({ users: 0, passkeys: 0, challenges: 1, sessions: 0, signInEvents: 0 });

    expectRefused(await api.registrationVerify(response), 400, 'CHALLENGE_EXPIRED');
    expect(await db.footprint(scope)).toEqual(before);
    // The row stays (until the sweep), so a late retry is told "expired" again, not "not found".
    expect(await db.challenge(challenge)).toMatchObject({ purpose: 'registration', siteId: 'uk' });
  });

  test('an expired sign-in challenge is refused; no session, no sign-in recorded', async ({ api, db, passkeyUser }) => {
    await api.visit('jp');
    const { response } = await api.startSignIn();
    const challenge = challengeOf(response);
    await db.expireChallenge(challenge);
    const scope = { usernames: [passkeyUser.username], challenges: [challenge] };
    const before = await db.footprint(scope);

    expectRefused(await api.authenticationVerify(response), 400, 'CHALLENGE_EXPIRED');
    expect(await db.footprint(scope)).toEqual(before);
    expect(await db.challenge(challenge)).toMatchObject({ purpose: 'authentication', siteId: 'jp' });
  });

  test('a sign-up made on example.co.uk and posted to example.com is refused for its origin, and still completes on example.co.uk', async ({ api, db, username }) => {
    await api.visit('uk');
    const { response } = await api.startSignUp(username);
    const scope = { usernames: [username], credentialIds: [response.id], challenges: [challengeOf(response)] };
    const before = await db.footprint(scope);

    // Even with example.co.uk's binding cookie, example.com refuses a response made for another origin.
    const elsewhere = await postAs(host('shop'), API.registrationVerify, { body: json({ response }), cookie: await api.bindingCookie('uk') });
    expectRefused(elsewhere, 400, 'ORIGIN_MISMATCH');
    expect(await db.footprint(scope)).toEqual(before);

    // Nothing was consumed: the same response still finishes the sign-up where it was made.
    expect(ok<SignedIn>(await api.registrationVerify(response)).user.username).toBe(username);
  });

  test('sign-up options from example.co.uk used in a ceremony on example.com are refused as another site\'s challenge', async ({ api, db, username }) => {
    await api.visit('uk');
    const { options } = ok<CreationOptions>(await api.registrationOptions({ username }));
    const ukBinding = await api.bindingCookie('uk');
    // The ceremony runs on example.com, so the response's origin is right for example.com…
    await api.visit('shop');
    const response = await api.create(options);
    const scope = { usernames: [username], credentialIds: [response.id], challenges: [options.challenge] };
    const before = await db.footprint(scope);

    // …and only the challenge's site is wrong (binding, purpose and expiry all match).
    const answer = await postAs(host('shop'), API.registrationVerify, { body: json({ response }), cookie: ukBinding });
    expectRefused(answer, 400, 'CHALLENGE_SITE_MISMATCH');
    expect(answer.json).toMatchObject({ error: { message: expect.stringContaining('"uk"') } });
    expect(await db.footprint(scope)).toEqual(before);
  });

  test('sign-in options from example.co.uk used in a ceremony on example.co.jp are refused as another site\'s challenge', async ({ api, db, passkeyUser }) => {
    await api.visit('uk');
    const { options } = ok<RequestOptions>(await api.authenticationOptions());
    const ukBinding = await api.bindingCookie('uk');
    await api.visit('jp');
    const response = await api.get(options);
    const scope = { usernames: [passkeyUser.username], challenges: [options.challenge] };
    const before = await db.footprint(scope);

    expectRefused(await postAs(host('jp'), API.authenticationVerify, { body: json({ response }), cookie: ukBinding }), 400, 'CHALLENGE_SITE_MISMATCH');
    expect(await db.footprint(scope)).toEqual(before);
  });

  test('an assertion made on one site never signs in on another, and still works where it was made', async ({ api, db, passkeyUser }) => {
    await api.visit('uk');
    const { response } = await api.startSignIn();
    const ukBinding = await api.bindingCookie('uk');
    const scope = { usernames: [passkeyUser.username], challenges: [challengeOf(response)] };
    const before = await db.footprint(scope);

    // From a page of another listed site, with that site's own cookies.
    await api.visit('rewards');
    expectRefused(await api.authenticationVerify(response), 400, 'ORIGIN_MISMATCH');
    expect(await api.sessionUser()).toBeNull();

    // Every other hostname of the family, alias and unlisted site included, even with
    // example.co.uk's own binding cookie.
    for (const other of allHostnames().filter((h) => h !== host('uk'))) {
      const answer = await postAs(other, API.authenticationVerify, { body: json({ response }), cookie: ukBinding });
      expect(answer.json, other).toMatchObject({ error: { code: 'ORIGIN_MISMATCH' } });
      expectRefused(answer, 400, 'ORIGIN_MISMATCH');
    }
    expect(await db.footprint(scope)).toEqual(before);

    await api.visit('uk');
    expect(ok<SignedIn>(await api.authenticationVerify(response)).user.id).toBe(passkeyUser.userId);
  });

  test('a challenge of example-rewards.com answered on example.co.uk is refused by example-rewards.com (w3c/webauthn#2466)', async ({ api, db, passkeyUser }) => {
    // Everything but the origin is right for example-rewards.com: its challenge, its cookie.
    await api.visit('rewards');
    const { options } = ok<RequestOptions>(await api.authenticationOptions());
    await api.visit('uk');
    const response = await api.get(options);
    const scope = { usernames: [passkeyUser.username], challenges: [options.challenge] };
    const before = await db.footprint(scope);

    await api.visit('rewards');
    const answer = await api.authenticationVerify(response);
    expectRefused(answer, 400, 'ORIGIN_MISMATCH');
    expect(answer.json).toMatchObject({ error: { message: expect.stringContaining(origin('uk')) } });
    expect(await db.footprint(scope)).toEqual(before);
    expect(await api.sessionUser()).toBeNull();
  });

  test('a sign-up challenge of example-rewards.com answered on example.co.uk is refused by example-rewards.com', async ({ api, db, username }) => {
    await api.visit('rewards');
    const { options } = ok<CreationOptions>(await api.registrationOptions({ username }));
    await api.visit('uk');
    const response = await api.create(options);
    const scope = { usernames: [username], credentialIds: [response.id], challenges: [options.challenge] };
    const before = await db.footprint(scope);

    await api.visit('rewards');
    expectRefused(await api.registrationVerify(response), 400, 'ORIGIN_MISMATCH');
    expect(await db.footprint(scope)).toEqual(before);
  });

  test('an assertion made on example.com is refused on its alias www.example.com', async ({ api, db, passkeyUser }) => {
    await api.visit('shop');
    const { response } = await api.startSignIn();
    const scope = { usernames: [passkeyUser.username], challenges: [challengeOf(response)] };
    const before = await db.footprint(scope);

    const answer = await postAs('www.example.com', API.authenticationVerify, { body: json({ response }), cookie: await api.bindingCookie('shop') });
    expectRefused(answer, 400, 'ORIGIN_MISMATCH');
    expect(await db.footprint(scope)).toEqual(before);
  });

  test('a sign-up challenge answered with get() is refused at sign-in', async ({ api, db, passkeyUser }) => {
    await api.visit('uk');
    const signUpName = uniqueUsername('purpose');
    const { options: registration } = ok<CreationOptions>(await api.registrationOptions({ username: signUpName }));
    const response = await api.get({ challenge: registration.challenge, rpId: siteConfig.rpId, userVerification: 'preferred' });
    const scope = { usernames: [passkeyUser.username, signUpName], challenges: [registration.challenge] };
    const before = await db.footprint(scope);

    expectRefused(await api.authenticationVerify(response), 400, 'CHALLENGE_PURPOSE_MISMATCH');
    expect(await db.footprint(scope)).toEqual(before);
    expect(await db.challenge(registration.challenge)).toMatchObject({ purpose: 'registration' });
  });

  test('a sign-in challenge answered with create() is refused at sign-up', async ({ api, db, username }) => {
    await api.visit('uk');
    const { options: authentication } = ok<RequestOptions>(await api.authenticationOptions());
    const { options: registration } = ok<CreationOptions>(await api.registrationOptions({ username }));
    const response = await api.create({ ...registration, challenge: authentication.challenge });
    const scope = { usernames: [username], credentialIds: [response.id], challenges: [authentication.challenge, registration.challenge] };
    const before = await db.footprint(scope);

    expectRefused(await api.registrationVerify(response), 400, 'CHALLENGE_PURPOSE_MISMATCH');
    expect(await db.footprint(scope)).toEqual(before);
  });

  test('a response of the other ceremony is refused by its client data type', async ({ api, db, passkeyUser }) => {
    await api.visit('uk');
    const signUpName = uniqueUsername('type');
    const { response: attestation } = await api.startSignUp(signUpName);
    const { response: assertion } = await api.startSignIn();
    const scope = { usernames: [passkeyUser.username, signUpName], credentialIds: [attestation.id], challenges: [challengeOf(attestation), challengeOf(assertion)] };
    const before = await db.footprint(scope);

    // Shaped like the other kind (the fields the schema asks for are present), typed as this kind.
    const attestationAsAssertion = { ...attestation, response: { ...attestation.response, authenticatorData: 'AAAA', signature: 'AAAA', userHandle: 'AAAA' } };
    expectRefused(await api.post(API.authenticationVerify, { response: attestationAsAssertion }), 400, 'UNEXPECTED_CEREMONY_TYPE');
    const assertionAsAttestation = { ...assertion, response: { ...assertion.response, attestationObject: 'AAAA' } };
    expectRefused(await api.post(API.registrationVerify, { response: assertionAsAttestation }), 400, 'UNEXPECTED_CEREMONY_TYPE');
    expect(await db.footprint(scope)).toEqual(before);
  });
});

test.describe('a challenge is bound to the browser that asked for it', () => {
  /** A well-formed binding cookie value this browser never had, as another browser's would be. */
  const foreignBinding = `__Host-atlas-ceremony=${randomBytes(32).toString('base64url')}`;
  const cookieCases: [string, string | undefined][] = [
    ['no cookie', undefined],
    ['another browser\'s cookie', foreignBinding],
    ['a malformed cookie', '__Host-atlas-ceremony=not-a-binding'],
  ];

  test('sign-up verify without this browser\'s binding cookie is refused; with it, it succeeds', async ({ api, db, username }) => {
    await api.visit('uk');
    const { response } = await api.startSignUp(username);
    const scope = { usernames: [username], credentialIds: [response.id], challenges: [challengeOf(response)] };
    const before = await db.footprint(scope);

    for (const [label, cookie] of cookieCases) {
      const answer = await postAs(host('uk'), API.registrationVerify, { body: json({ response }), cookie });
      expect(answer.status, label).toBe(403);
      expectRefused(answer, 403, 'CHALLENGE_NOT_BOUND');
    }
    expect(await db.footprint(scope)).toEqual(before);

    const answer = await postAs(host('uk'), API.registrationVerify, { body: json({ response }), cookie: await api.bindingCookie('uk') });
    expect(ok<SignedIn>(answer).user.username).toBe(username);
  });

  test('sign-in verify without this browser\'s binding cookie is refused; with it, it succeeds', async ({ api, db, passkeyUser }) => {
    await api.visit('jp');
    const { response } = await api.startSignIn();
    const scope = { usernames: [passkeyUser.username], challenges: [challengeOf(response)] };
    const before = await db.footprint(scope);

    for (const [label, cookie] of cookieCases) {
      const answer = await postAs(host('jp'), API.authenticationVerify, { body: json({ response }), cookie });
      expect(answer.status, label).toBe(403);
      expectRefused(answer, 403, 'CHALLENGE_NOT_BOUND');
    }
    expect(await db.footprint(scope)).toEqual(before);

    const answer = await postAs(host('jp'), API.authenticationVerify, { body: json({ response }), cookie: await api.bindingCookie('jp') });
    expect(ok<SignedIn>(answer).user.id).toBe(passkeyUser.userId);
    expectHostOnlySessionCookie(answer);
  });

  test('a passkey being added cannot be finished after signing out', async ({ api, db, passkeyUser }) => {
    await api.visit('uk');
    await api.signIn();
    const { options } = ok<CreationOptions>(await api.registrationOptions({}));
    // Adding to an account lists its passkeys, so an authenticator holding one says so.
    expect(options.excludeCredentials?.map((c) => c.id)).toEqual([passkeyUser.credentialId]);
    const response = await api.create({ ...options, excludeCredentials: [] });
    const scope = { usernames: [passkeyUser.username], credentialIds: [response.id], challenges: [options.challenge] };
    const before = await db.footprint(scope);

    // The binding cookie without the session cookie: this browser, signed out.
    const answer = await postAs(host('uk'), API.registrationVerify, { body: json({ response }), cookie: await api.bindingCookie('uk') });
    expectRefused(answer, 401, 'NOT_SIGNED_IN');
    expect(await db.footprint(scope)).toEqual(before);
  });
});

/** A registration response of the right shape whose challenge was never issued. */
function fakeAttestation(): RegistrationResponseJSON {
  const clientData = { type: 'webauthn.create', challenge: randomBytes(32).toString('base64url'), origin: origin('uk') };
  return {
    id: 'AAAAAAAAAAAAAAAAAAAAAA',
    rawId: 'AAAAAAAAAAAAAAAAAAAAAA',
    type: 'public-key',
    clientExtensionResults: {},
    response: { clientDataJSON: Buffer.from(json(clientData)).toString('base64url'), attestationObject: 'o2NmbXRkbm9uZQ' },
  };
}

/** An authentication response of the right shape whose challenge was never issued. */
function fakeAssertion(): AuthenticationResponseJSON {
  const clientData = { type: 'webauthn.get', challenge: randomBytes(32).toString('base64url'), origin: origin('uk') };
  return {
    id: 'AAAAAAAAAAAAAAAAAAAAAA',
    rawId: 'AAAAAAAAAAAAAAAAAAAAAA',
    type: 'public-key',
    clientExtensionResults: {},
    response: { clientDataJSON: Buffer.from(json(clientData)).toString('base64url'), authenticatorData: 'AAAA', signature: 'AAAA', userHandle: 'AAAA' },
  };
}

test.describe('malformed requests get a precise 4xx, never a 500', () => {
  const endpoints = Object.values(API);
  const validBody: Record<ApiPath, unknown> = {
    [API.registrationOptions]: { username: 'someone' },
    [API.registrationVerify]: { response: fakeAttestation() },
    [API.authenticationOptions]: {},
    [API.authenticationVerify]: { response: fakeAssertion() },
    [API.renamePasskey]: { passkeyId: 'AAAA', name: 'Phone' },
    [API.signOut]: {},
    [API.passwordSignUp]: { username: 'someone', password: 'a long enough password' },
    [API.passwordSignIn]: { username: 'someone', password: 'a long enough password' },
    [API.reauthenticateOptions]: {},
    [API.reauthenticateVerify]: { response: fakeAssertion() },
    [API.reauthenticatePassword]: { password: 'a long enough password' },
    [API.deletePasskey]: { passkeyId: 'AAAA' },
    [API.displayName]: { displayName: 'Pat' },
    [API.listSessions]: {},
    [API.endSession]: { handle: 'AAAAAAAAAAAAAAAAAAAAAA' },
    [API.endOtherSessions]: {},
    [API.deleteAccount]: { username: 'someone' },
  };

  for (const path of endpoints) {
    test(`${path}: not JSON, wrong or no content type, oversized`, async () => {
      const notJson = await postAs(host('uk'), path, { body: '{"username": ' });
      expectRefused(notJson, 400, 'INVALID_REQUEST');
      expect(notJson.json).toMatchObject({ error: { message: expect.stringContaining('not valid JSON') } });

      const asText = await postAs(host('uk'), path, { body: json(validBody[path]), contentType: 'text/plain' });
      expectRefused(asText, 415, 'UNSUPPORTED_MEDIA_TYPE');
      const asForm = await postAs(host('uk'), path, { body: 'username=someone', contentType: 'application/x-www-form-urlencoded' });
      expectRefused(asForm, 415, 'UNSUPPORTED_MEDIA_TYPE');
      expectRefused(await postAs(host('uk'), path, { body: json(validBody[path]), contentType: null }), 415, 'UNSUPPORTED_MEDIA_TYPE');

      const oversized = json({ username: 'a'.repeat(MAX_BODY_BYTES) });
      // Declared up front, and streamed without a length (chunked): both are cut off.
      expectRefused(await postAs(host('uk'), path, { body: oversized, headers: { 'content-length': String(Buffer.byteLength(oversized)) } }), 413, 'PAYLOAD_TOO_LARGE');
      expectRefused(await postAs(host('uk'), path, { body: oversized, headers: { 'transfer-encoding': 'chunked' } }), 413, 'PAYLOAD_TOO_LARGE');

      expect((await postAs(host('uk'), path, { body: '' })).status).toBe(400);
      expect((await postAs(host('uk'), path, { body: 'null' })).status).toBe(400);
      expect((await postAs(host('uk'), path, { body: '[]' })).status).toBe(400);
    });
  }

  const attestation = fakeAttestation();
  const assertion = fakeAssertion();
  const shapes: { name: string; path: ApiPath; body: unknown; field: string }[] = [
    { name: 'a non-string username', path: API.registrationOptions, body: { username: 42 }, field: 'username' },
    { name: 'an unknown field at sign-up', path: API.registrationOptions, body: { username: 'someone', admin: true }, field: 'admin' },
    { name: 'a username at sign-in', path: API.authenticationOptions, body: { username: 'someone' }, field: 'username' },
    { name: 'no response (registration)', path: API.registrationVerify, body: {}, field: 'response' },
    { name: 'no response (authentication)', path: API.authenticationVerify, body: {}, field: 'response' },
    { name: 'an extra top-level field', path: API.registrationVerify, body: { response: attestation, userId: 'x' }, field: 'userId' },
    { name: 'a non-base64url id', path: API.registrationVerify, body: { response: { ...attestation, id: 'not base64url!' } }, field: 'response.id' },
    { name: 'a base64 (not url) rawId', path: API.authenticationVerify, body: { response: { ...assertion, rawId: 'ab+/cd==' } }, field: 'response.rawId' },
    { name: 'a credential type other than public-key', path: API.registrationVerify, body: { response: { ...attestation, type: 'password' } }, field: 'response.type' },
    {
      name: 'no signature',
      path: API.authenticationVerify,
      body: { response: { ...assertion, response: { clientDataJSON: assertion.response.clientDataJSON, authenticatorData: 'AAAA' } } },
      field: 'response.response.signature',
    },
    {
      name: 'no attestationObject',
      path: API.registrationVerify,
      body: { response: { ...attestation, response: { clientDataJSON: attestation.response.clientDataJSON } } },
      field: 'response.response.attestationObject',
    },
    {
      name: 'clientDataJSON that is not JSON',
      path: API.authenticationVerify,
      body: { response: { ...assertion, response: { ...assertion.response, clientDataJSON: 'bm90IGpzb24' } } },
      field: 'clientDataJSON',
    },
    {
      name: 'no user handle (discoverable sign-in always returns one)',
      path: API.authenticationVerify,
      body: { response: { ...assertion, response: { ...assertion.response, userHandle: undefined } } },
      field: 'response.response.userHandle',
    },
    {
      name: 'a credential id of 1,024 bytes',
      path: API.registrationVerify,
      body: { response: { ...attestation, id: Buffer.alloc(1024, 7).toString('base64url'), rawId: Buffer.alloc(1024, 7).toString('base64url') } },
      field: 'response.id',
    },
    {
      name: 'an oversized credential id',
      path: API.authenticationVerify,
      body: { response: { ...assertion, id: 'A'.repeat(2000), rawId: 'A'.repeat(2000) } },
      field: 'response.id',
    },
  ];
  for (const { name, path, body, field } of shapes) {
    test(`${path}: ${name} is refused, naming ${field}`, async () => {
      const answer = await postAs(host('uk'), path, { body: json(body) });
      expectRefused(answer, 400, 'INVALID_REQUEST');
      expect(answer.json).toMatchObject({ error: { message: expect.stringContaining(field) } });
    });
  }

  test('registration options without a username need a session (adding a passkey)', async () => {
    expectRefused(await postAs(host('uk'), API.registrationOptions, { body: '{}' }), 401, 'NOT_SIGNED_IN');
  });

  test('a well-formed response to a challenge never issued is refused as not found', async () => {
    expectRefused(await postAs(host('uk'), API.registrationVerify, { body: json({ response: fakeAttestation() }) }), 400, 'CHALLENGE_NOT_FOUND');
    expectRefused(await postAs(host('uk'), API.authenticationVerify, { body: json({ response: fakeAssertion() }) }), 400, 'CHALLENGE_NOT_FOUND');
  });

  test('invalid usernames are refused with 422 and start nothing', async ({ db }) => {
    for (const username of ['ab', 'a'.repeat(33), 'has space', 'semi;colon', '<script>', '']) {
      const answer = await postAs(host('rewards'), API.registrationOptions, { body: json({ username }) });
      expect(answer.status, JSON.stringify(username)).toBe(422);
      expectRefused(answer, 422, 'INVALID_USERNAME');
      expect(answer.setCookies).toEqual([]);
      expect(await db.footprint({ usernames: [username] })).toMatchObject({ users: 0, challenges: 0 });
    }
  });

  test('a taken username is refused in any letter case, on every site, and starts nothing', async ({ db, passkeyUser }) => {
    const scope = { usernames: [passkeyUser.username] };
    const before = await db.footprint(scope);
    const fullWidth = passkeyUser.username.toUpperCase().replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    const variants = [passkeyUser.username, passkeyUser.username.toUpperCase(), ` ${passkeyUser.username.replace(/^pk/, 'Pk')} `, fullWidth];
    for (const site of siteConfig.sites) {
      for (const variant of variants) {
        const answer = await postAs(site.hostnames[0] ?? '', API.registrationOptions, { body: json({ username: variant }) });
        expect(answer.status, `${site.id} ${variant}`).toBe(409);
        expectRefused(answer, 409, 'USERNAME_TAKEN');
      }
    }
    expect(await db.footprint(scope)).toEqual(before);
  });

  test('the API on a host that is not a site of the family (the loopback index) refuses to start anything', async () => {
    const answer = await postAs(`localhost:${APP_PORT}`, API.authenticationOptions, { body: '{}' });
    expectRefused(answer, 404, 'UNKNOWN_SITE');
    expect(answer.setCookies).toEqual([]);
  });

  test('GET is not a ceremony', async () => {
    for (const path of endpoints) expect((await requestAs(host('uk'), path)).status, path).toBe(405);
  });
});

test('the session id never reaches page script, and no Auth.js route turns one into a cookie', async ({ page, api, db, passkeyUser }) => {
  await api.visit('uk');
  expectHostOnlySessionCookie((await api.signIn()).answer);
  const [sessionId] = await db.liveSessionIds(passkeyUser.userId);
  expect(sessionId).toBeDefined();

  const visible = await page.evaluate(async () => {
    const session = await (await fetch('/api/auth/session')).text();
    return { session, cookies: document.cookie, storage: JSON.stringify({ ...localStorage, ...sessionStorage }) };
  });
  expect(JSON.parse(visible.session)).toMatchObject({ user: { id: passkeyUser.userId } });
  for (const readable of Object.values(visible)) expect(readable).not.toContain(sessionId);

  // The path a Credentials provider used to offer: a session id posted to Auth.js mints nothing.
  const csrf = await requestAs(host('uk'), '/api/auth/csrf');
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const csrfCookie = (csrf.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
  const callback = await requestAs(host('uk'), '/api/auth/callback/passkey', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, sessionId: sessionId ?? '' }).toString(),
  });
  expect(callback.status).not.toBe(200);
  expect((callback.headers['set-cookie'] ?? []).filter((c) => c.startsWith(`${SESSION_COOKIE}=`))).toEqual([]);
});

test('a passkey deleted from its account is refused as unknown, and the attempt is recorded', async ({ api, db, passkeyUser }) => {
  // Test set-up: the passkey is removed server-side while the authenticator still offers it.
  await db.deletePasskey(passkeyUser.credentialId);
  const since = new Date(Date.now() - 1000);
  await api.visit('uk');
  const { response } = await api.startSignIn();
  expect(response.id).toBe(passkeyUser.credentialId);
  const sessionsBefore = await db.sessionSites(passkeyUser.userId);

  expectRefused(await api.authenticationVerify(response), 404, 'UNKNOWN_CREDENTIAL');
  expect(await db.sessionSites(passkeyUser.userId)).toEqual(sessionsBefore);
  expect(await api.sessionUser()).toBeNull();
  // The failure is logged without naming an account (the credential no longer leads to one).
  expect(await db.failuresSince('uk', 'UNKNOWN_CREDENTIAL', since)).toBeGreaterThanOrEqual(1);
});
