import { randomBytes } from 'node:crypto';
import type { ApiErrorCode } from '@/lib/api/errors';
import { RATE_LIMITS } from '@/lib/rate-limit/limits';
import type { CeremonyClient, JsonResponse } from '@/tools/webauthn/ceremony-client';
import { expect, test, uniqueUsername } from './account-fixtures';
import { API, host, postAs, type ApiPath } from './ceremonies';
import { TEST_PASSWORD_THROTTLE_WINDOW_SECONDS } from './suite-config';

// The password API at the HTTP level, as a browser without passkeys or a mobile app uses it. Each
// client is one browser on one site: its Host, its cookie jar (tools/webauthn/ceremony-client.ts).

const SESSION_COOKIE = '__Host-authjs.session-token';

type SignedIn = { user: { id: string; username: string; displayName: string } };

/** A password no list holds, different in every test. */
const newPassword = () => `amber ${randomBytes(6).toString('hex')} lantern`;

/** Who GET /api/auth/session says is signed in for this client on its site, or null. */
async function sessionUser(client: CeremonyClient): Promise<{ id: string; name: string } | null> {
  const { body } = await client.get('/api/auth/session');
  return (body as { user?: { id: string; name: string } } | null)?.user ?? null;
}

function sessionCookies(answer: JsonResponse): string[] {
  return (answer.headers['set-cookie'] ?? []).filter((cookie) => cookie.startsWith(`${SESSION_COOKIE}=`));
}

/** A POST with a raw body and content type, for what no well-behaved client sends. */
async function postRaw(path: ApiPath, body: string, contentType?: string): Promise<JsonResponse> {
  const answer = await postAs(host('uk'), path, { body, contentType });
  return { status: answer.status, headers: answer.headers, body: answer.json };
}

/** A refusal from the catalogue, with no session cookie handed out. */
function expectRefused(answer: JsonResponse, status: number, code: ApiErrorCode): void {
  expect(answer, JSON.stringify(answer.body)).toMatchObject({ status, body: { error: { code, message: expect.any(String) } } });
  expect(sessionCookies(answer)).toEqual([]);
}

/** Nothing the server answered, body or headers, carries the password, in any letter case. */
function expectNoPassword(answers: JsonResponse[], password: string): void {
  // Searched for as JSON writes it, so a control character in it is found escaped as it would be.
  const needle = JSON.stringify(password).slice(1, -1).toLowerCase();
  for (const answer of answers) {
    expect(JSON.stringify([answer.body, answer.headers]).toLowerCase()).not.toContain(needle);
  }
}

test.describe('password accounts (POST /api/password/sign-up, /api/password/sign-in)', () => {
  test('sign-up signs in on its site; the account signs in with its password on another site of the family', async ({ db, browserOn }) => {
    const username = uniqueUsername('pw');
    const password = newPassword();
    const onRewards = browserOn('rewards');
    const signUp = await onRewards.answer(API.passwordSignUp, { username, displayName: 'Pat Example', password });
    expect(signUp.status, JSON.stringify(signUp.body)).toBe(200);
    const { user } = signUp.body as SignedIn;
    expect(signUp.body).toEqual({ user: { id: expect.any(String), username, displayName: 'Pat Example' } });
    const [cookie] = sessionCookies(signUp);
    expect(cookie).toMatch(/;\s*secure/i);
    expect(cookie).toMatch(/;\s*httponly/i);
    expect(cookie).not.toMatch(/;\s*domain=/i);
    expect(await sessionUser(onRewards)).toMatchObject({ id: user.id, name: username });

    // Host-only: example.co.uk has no session until the password is used there.
    const onUk = browserOn('uk');
    expect(await sessionUser(onUk)).toBeNull();
    const signIn = await onUk.answer(API.passwordSignIn, { username: username.toUpperCase(), password });
    expect(signIn.status, JSON.stringify(signIn.body)).toBe(200);
    expect(signIn.body).toEqual({ user, hasPasskey: false });
    expect(sessionCookies(signIn)).toHaveLength(1);
    expect(await sessionUser(onUk)).toMatchObject({ id: user.id, name: username });

    expect(await db.sessionMethods(user.id)).toEqual([
      { siteId: 'rewards', method: 'password', revoked: false },
      { siteId: 'uk', method: 'password', revoked: false },
    ]);
    expect(await db.signInMethods(user.id)).toEqual([{ siteId: 'uk', method: 'password', success: true, errorCode: null }]);
    expectNoPassword([signUp, signIn], password);
  });

  test('a password account adds a passkey, says so at its next password sign-in, and the passkey signs in elsewhere', async ({ db, browserOn }) => {
    const username = uniqueUsername('pw');
    const password = newPassword();
    const onUk = browserOn('uk');
    const { user } = (await onUk.post(API.passwordSignUp, { username, password })).body as SignedIn;
    await onUk.addPasskey();

    expect((await browserOn('shop').post(API.passwordSignIn, { username, password })).body).toEqual({ user, hasPasskey: true });
    const onJp = browserOn('jp', onUk.authenticator);
    expect(((await onJp.signIn()).verify.body as SignedIn).user.id).toBe(user.id);
    expect((await db.signInMethods(user.id)).map((e) => [e.siteId, e.method])).toEqual([
      ['shop', 'password'],
      ['jp', 'passkey'],
    ]);
  });

  test('a taken username is refused in any letter case, and the first account is untouched', async ({ db, browserOn }) => {
    const username = uniqueUsername('pw');
    await browserOn('uk').post(API.passwordSignUp, { username, password: newPassword() });
    const before = await db.footprint({ usernames: [username] });
    for (const variant of [username, username.toUpperCase(), ` ${username} `]) {
      expectRefused(await browserOn('jp').answer(API.passwordSignUp, { username: variant, password: newPassword() }), 409, 'USERNAME_TAKEN');
    }
    expect(await db.footprint({ usernames: [username] })).toEqual(before);
  });

  test('a wrong password, an unknown username and a passkey-only account get one answer, and each attempt is recorded', async ({ db, browserOn }) => {
    const username = uniqueUsername('pw');
    const password = newPassword();
    const { user } = (await browserOn('uk').post(API.passwordSignUp, { username, password })).body as SignedIn;
    const passkeyOnly = uniqueUsername('pk');
    const { verify } = await browserOn('uk').signUp(passkeyOnly);
    const passkeyUserId = (verify.body as SignedIn).user.id;
    const since = new Date(Date.now() - 1000);

    const answers = [
      await browserOn('jp').answer(API.passwordSignIn, { username, password: `${password}!` }),
      await browserOn('jp').answer(API.passwordSignIn, { username: uniqueUsername('nobody'), password }),
      await browserOn('jp').answer(API.passwordSignIn, { username: passkeyOnly, password }),
    ];
    for (const answer of answers) {
      expectRefused(answer, 401, 'INVALID_CREDENTIALS');
      expect(answer.body).toEqual({ error: { code: 'INVALID_CREDENTIALS', message: 'The username or password is not right.' } });
    }
    const failure = { siteId: 'jp', method: 'password', success: false, errorCode: 'INVALID_CREDENTIALS' };
    expect(await db.signInMethods(user.id)).toEqual([failure]);
    expect(await db.signInMethods(passkeyUserId)).toEqual([failure]);
    // The unknown username's attempt is recorded too, under no account.
    expect(await db.failuresSince('jp', 'INVALID_CREDENTIALS', since)).toBeGreaterThanOrEqual(3);
    expect((await db.sessionMethods(user.id)).map((s) => s.siteId)).toEqual(['uk']);
    expectNoPassword(answers, password);
  });

  test('failed passwords are throttled per account with 429 and Retry-After; the right one works again once the window has passed', async ({ db, browserOn }) => {
    const username = uniqueUsername('pw');
    const password = newPassword();
    const { user } = (await browserOn('uk').post(API.passwordSignUp, { username, password })).body as SignedIn;
    const { limit } = RATE_LIMITS['password:account'];

    const guesser = browserOn('jp');
    for (let i = 0; i < limit; i++) {
      expectRefused(await guesser.answer(API.passwordSignIn, { username, password: `guess number ${i}` }), 401, 'INVALID_CREDENTIALS');
    }
    // Throttled before the password is checked: the right one is refused too, and learns nothing;
    // from another browser as well, since the count is the account's.
    const throttled = await browserOn('jp').answer(API.passwordSignIn, { username, password });
    expectRefused(throttled, 429, 'RATE_LIMITED');
    const retryAfter = Number(throttled.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter, 'is the test server started with PASSWORD_THROTTLE_WINDOW_SECONDS (e2e/suite-config.ts)?').toBeLessThanOrEqual(TEST_PASSWORD_THROTTLE_WINDOW_SECONDS);
    expect(await db.passwordFailures(username)).toBe(limit);
    expect((await db.sessionMethods(user.id)).map((s) => s.siteId)).toEqual(['uk']);

    // The window is the test stack's short one: wait for it to pass by asking again, not by sleeping.
    await expect
      .poll(async () => (await browserOn('jp').answer(API.passwordSignIn, { username, password })).status, {
        timeout: (TEST_PASSWORD_THROTTLE_WINDOW_SECONDS + 10) * 1000,
        intervals: [1000],
      })
      .toBe(200);
    expect((await db.signInMethods(user.id)).map((e) => e.success)).toEqual([...Array<boolean>(limit).fill(false), true]);
    expectNoPassword([throttled], password);
  });
});

test.describe('malformed password requests get a 4xx from the catalogue and change nothing', () => {
  const cases: { name: string; body: (username: string) => string; contentType?: string; status: number; code: ApiErrorCode; field?: string }[] = [
    { name: 'a body that is not JSON', body: () => '{"username": ', status: 400, code: 'INVALID_REQUEST' },
    { name: 'a form body', body: (u) => `username=${u}&password=amber`, contentType: 'application/x-www-form-urlencoded', status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
    { name: 'JSON sent as text/plain', body: (u) => JSON.stringify({ username: u, password: newPassword() }), contentType: 'text/plain', status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
    { name: 'an unknown field', body: (u) => JSON.stringify({ username: u, password: newPassword(), admin: true }), status: 400, code: 'INVALID_REQUEST', field: 'admin' },
    { name: 'no password', body: (u) => JSON.stringify({ username: u }), status: 400, code: 'INVALID_REQUEST', field: 'password' },
    { name: 'a password that is not a string', body: (u) => JSON.stringify({ username: u, password: 12345678 }), status: 400, code: 'INVALID_REQUEST', field: 'password' },
    { name: 'a password of 1,025 characters', body: (u) => JSON.stringify({ username: u, password: 'p'.repeat(1025) }), status: 400, code: 'INVALID_REQUEST', field: 'password' },
    { name: 'a password of 129 characters', body: (u) => JSON.stringify({ username: u, password: 'p'.repeat(129) }), status: 422, code: 'INVALID_PASSWORD' },
    { name: 'a NUL in the password', body: (u) => JSON.stringify({ username: u, password: 'amber\u0000lantern' }), status: 422, code: 'INVALID_PASSWORD' },
    { name: 'an invalid username', body: () => JSON.stringify({ username: 'a b', password: newPassword() }), status: 422, code: 'INVALID_USERNAME' },
  ];

  for (const path of [API.passwordSignUp, API.passwordSignIn]) {
    test(`${path}: every malformed body is refused, writing nothing`, async ({ db, browserOn }) => {
      // Sign-up: the username must stay free. Sign-in: an existing account must stay as it was.
      const username = uniqueUsername('pw');
      const password = newPassword();
      if (path === API.passwordSignIn) await browserOn('uk').post(API.passwordSignUp, { username, password });
      const before = await db.footprint({ usernames: [username] });

      const answers: JsonResponse[] = [];
      for (const { name, body, contentType, status, code, field } of cases) {
        const answer = await postRaw(path, body(username), contentType);
        expect(answer.status, name).toBe(status);
        expectRefused(answer, status, code);
        if (field) expect(answer.body, name).toMatchObject({ error: { message: expect.stringContaining(field) } });
        answers.push(answer);
      }
      expect(await db.footprint({ usernames: [username] })).toEqual(before);
      expect(await db.passwordFailures(username)).toBe(0);
      expectNoPassword(answers, 'amber\u0000lantern');
      expectNoPassword(answers, 'p'.repeat(129));
    });
  }

  test('a sign-up whose password breaks a rule is told which rule, and no account is made', async ({ db }) => {
    const username = uniqueUsername('pw');
    const rules: [string, RegExp][] = [
      ['short12', /at least 8/],
      ['BASEBALL', /commonly used/],
      [username.toUpperCase(), /username/],
    ];
    for (const [password, message] of rules) {
      const answer = await postRaw(API.passwordSignUp, JSON.stringify({ username, password }));
      expectRefused(answer, 422, 'INVALID_PASSWORD');
      expect(answer.body, password).toMatchObject({ error: { message: expect.stringMatching(message) } });
      expectNoPassword([answer], password);
    }
    expect(await db.footprint({ usernames: [username] })).toEqual({ users: 0, passkeys: 0, challenges: 0, sessions: 0, signInEvents: 0 });
  });
});
