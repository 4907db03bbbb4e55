import { CeremonyClient } from '@/tools/webauthn/ceremony-client';
import { expect, test, uniqueUsername } from './account-fixtures';
import { API, host, ok, postAs, type ApiAnswer } from './ceremonies';
import { requestAs } from './http';
import { APP_PORT } from './ports';

/** A refusal from the error catalogue. */
function expectRefused(answer: ApiAnswer, status: number, code: string): void {
  expect(answer, JSON.stringify(answer.json)).toMatchObject({ status, json: { error: { code, message: expect.any(String) } } });
}

test.describe('renaming a passkey (POST /api/account/passkeys/rename)', () => {
  test("renames the session's own passkey, normalised; refuses an invalid name and changes nothing", async ({ api, db, passkeyUser }) => {
    await api.visit('uk');
    await api.signIn();
    const cookie = await api.cookieHeader('uk');
    const body = (name: unknown) => JSON.stringify({ passkeyId: passkeyUser.credentialId, name });

    const renamed = await postAs(host('uk'), API.renamePasskey, { body: body('  Work laptop ２ '), cookie });
    expect(ok(renamed)).toEqual({ passkey: { id: passkeyUser.credentialId, name: 'Work laptop 2' } });
    expect(await db.passkeyNames(passkeyUser.username)).toEqual(['Work laptop 2']);

    for (const name of ['   ', 'a'.repeat(65), 'tab\there', 'zero\u200bwidth']) {
      expectRefused(await postAs(host('uk'), API.renamePasskey, { body: body(name), cookie }), 422, 'INVALID_PASSKEY_NAME');
    }
    expect(await db.passkeyNames(passkeyUser.username)).toEqual(['Work laptop 2']);
  });

  test("another account's passkey is as unknown as a missing one, and keeps its name", async ({ api, db, passkeyUser }) => {
    await api.visit('uk');
    await api.signIn();
    const cookie = await api.cookieHeader('uk');
    const { verify } = await new CeremonyClient({ port: APP_PORT, host: host('jp') }).signUp(uniqueUsername('other'));
    const other = (verify.body as { passkey: { id: string } }).passkey.id;
    const before = await db.passkeyName(other);
    expect(before).toBeDefined();
    expect(other).not.toBe(passkeyUser.credentialId);

    expectRefused(await postAs(host('uk'), API.renamePasskey, { body: JSON.stringify({ passkeyId: other, name: 'Hijacked' }), cookie }), 404, 'UNKNOWN_PASSKEY');
    expectRefused(await postAs(host('uk'), API.renamePasskey, { body: JSON.stringify({ passkeyId: 'bm8tc3VjaC1wYXNza2V5', name: 'Hijacked' }), cookie }), 404, 'UNKNOWN_PASSKEY');
    expect(await db.passkeyName(other)).toBe(before);
  });

  test('needs a session on this site: none, or one copied from another site, is NOT_SIGNED_IN', async ({ api, db, passkeyUser }) => {
    await api.visit('uk');
    await api.signIn();
    const ukCookie = await api.cookieHeader('uk');
    const body = JSON.stringify({ passkeyId: passkeyUser.credentialId, name: 'Stolen' });

    expectRefused(await postAs(host('uk'), API.renamePasskey, { body }), 401, 'NOT_SIGNED_IN');
    expectRefused(await postAs(host('jp'), API.renamePasskey, { body, cookie: ukCookie }), 401, 'NOT_SIGNED_IN');
    expect(await db.passkeyNames(passkeyUser.username)).not.toContain('Stolen');
  });
});

test.describe('signing out (POST /api/account/sign-out)', () => {
  test('revokes the session row and deletes the cookie: a copy of the cookie signs nobody in afterwards', async ({ api, db, passkeyUser }) => {
    await api.visit('uk');
    await api.signIn();
    await api.visit('jp');
    await api.signIn();
    const ukCookie = await api.cookieHeader('uk');

    const answer = await postAs(host('uk'), API.signOut, { body: '{}', cookie: ukCookie });
    expect(ok(answer)).toEqual({ signedOut: true });
    expect(answer.setCookies.find((c) => c.startsWith('__Host-authjs.session-token='))).toMatch(/^__Host-authjs\.session-token=;.*Max-Age=0/i);
    // Only the uk session ended; the sign-up's session was dropped by the fixture, not revoked.
    expect(await db.sessionSites(passkeyUser.userId)).toEqual([
      { siteId: passkeyUser.siteId, revoked: false },
      { siteId: 'uk', revoked: true },
      { siteId: 'jp', revoked: false },
    ]);
    expect(JSON.parse((await requestAs(host('uk'), '/api/auth/session', { headers: { cookie: ukCookie } })).body)).toBeNull();
    expectRefused(await postAs(host('uk'), API.renamePasskey, { body: JSON.stringify({ passkeyId: passkeyUser.credentialId, name: 'After' }), cookie: ukCookie }), 401, 'NOT_SIGNED_IN');
  });

  test('without a session it ends nothing, and a session of another site is left alone', async ({ api, db, passkeyUser }) => {
    await api.visit('uk');
    await api.signIn();
    const before = await db.sessionSites(passkeyUser.userId);

    expect(ok(await postAs(host('uk'), API.signOut, { body: '{}' }))).toEqual({ signedOut: false });
    expect(ok(await postAs(host('jp'), API.signOut, { body: '{}', cookie: await api.cookieHeader('uk') }))).toEqual({ signedOut: false });
    expect(await db.sessionSites(passkeyUser.userId)).toEqual(before);
  });
});

test('pages answer GET and HEAD only: a POST, server-action call or not, is 405 and runs nothing', async ({ api, db, passkeyUser }) => {
  await api.visit('uk');
  await api.signIn();
  const cookie = await api.cookieHeader('uk');
  const before = await db.sessionSites(passkeyUser.userId);
  for (const [path, headers] of [
    ['/account', { 'next-action': 'a'.repeat(42), 'content-type': 'text/plain;charset=UTF-8' }],
    ['/', { 'content-type': 'application/x-www-form-urlencoded' }],
    ['/signin', { 'next-action': '0', 'content-type': 'multipart/form-data; boundary=x' }],
  ] as const) {
    const answer = await requestAs(host('uk'), path, { method: 'POST', headers: { ...headers, cookie }, body: '["$K1"]' });
    expect(answer.status, path).toBe(405);
    expect(answer.headers.allow).toBe('GET, HEAD');
  }
  expect(await db.sessionSites(passkeyUser.userId)).toEqual(before);
});
