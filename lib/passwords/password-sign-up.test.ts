import { randomBytes } from 'node:crypto';
import { describe, expect } from 'vitest';
import { ApiError, API_ERRORS } from '@/lib/api/errors';
import { db } from '@/lib/db/client';
import { siteById } from '@/lib/sites/config';
import type { Site } from '@/lib/sites/schema';
import { appDatabaseTest } from '@/tools/db/app-database';
import { refusal } from '@/tools/testing/refusal';
import { verifyPassword } from './password-hash';
import { parsePasswordSignUp, passwordSignUp, passwordSignUpBody } from './password-sign-up';

const it = appDatabaseTest;
// Each sign-up hashes a password for real (most of a second here).
const SLOW = { timeout: 30_000 };

function siteNamed(id: string): Site {
  const site = siteById(id);
  if (!site) throw new Error(`sites.config.ts has no site "${id}"`);
  return site;
}

const uk = siteNamed('uk');
const newUsername = () => `pw${randomBytes(5).toString('hex')}`;
const PASSWORD = 'tangerine orbit 1987';

function signUp(body: { username: string; password: string; displayName?: string }, previousSessionId?: string) {
  return passwordSignUp({ site: uk, signUp: parsePasswordSignUp(passwordSignUpBody.parse(body)), userAgent: 'test', previousSessionId });
}

describe('passwordSignUp', () => {
  it('creates one account holding a hash of the password, signed in on this site with a password session', SLOW, async () => {
    const username = newUsername();
    const result = await signUp({ username, password: PASSWORD, displayName: ' Pat ' });
    expect(result.user).toEqual({ id: expect.any(String), username, displayName: 'Pat' });
    expect(result.session).toEqual({ sub: result.user.id, name: username, sid: expect.any(String) });

    const users = await db.user.findMany({ where: { usernameKey: username } });
    expect(users).toHaveLength(1);
    const [user] = users;
    expect(user?.passwordHash).toMatch(/^scrypt\$/);
    expect(user?.passwordHash).not.toContain(PASSWORD);
    await expect(verifyPassword(PASSWORD, user?.passwordHash ?? '')).resolves.toBe(true);
    // A user handle of its own, for the passkey the account may add later.
    expect(user?.webauthnUserId).toMatch(/^[\w-]{43}$/);
    expect(user?.createdOnSite).toBe('uk');

    const session = await db.session.findUniqueOrThrow({ where: { id: result.session.sid } });
    expect(session).toMatchObject({ userId: result.user.id, siteId: 'uk', method: 'password', passkeyId: null, userAgent: 'test', revokedAt: null });
    expect(await db.passkey.count({ where: { userId: result.user.id } })).toBe(0);
  });

  it("ends the browser's previous session on this site", SLOW, async () => {
    const first = await signUp({ username: newUsername(), password: PASSWORD });
    const second = await signUp({ username: newUsername(), password: PASSWORD }, first.session.sid);
    expect((await db.session.findUniqueOrThrow({ where: { id: first.session.sid } })).revokedAt).not.toBeNull();
    expect((await db.session.findUniqueOrThrow({ where: { id: second.session.sid } })).revokedAt).toBeNull();
  });

  it('makes one account of concurrent sign-ups for one username in different letter cases', SLOW, async () => {
    const username = newUsername();
    const variants = [username, username.toUpperCase(), `Pw${username.slice(2)}`, ` ${username} `];
    const outcomes = await Promise.allSettled(variants.map((variant) => signUp({ username: variant, password: PASSWORD })));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    // Every sign-up passed the early check; the unique index refused all but one.
    const refused = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as ApiError] : []));
    expect(refused.map((e) => [e.code, e.message])).toEqual(Array(3).fill(['USERNAME_TAKEN', API_ERRORS.USERNAME_TAKEN.message]));
    expect(await db.user.count({ where: { usernameKey: username } })).toBe(1);
    expect(await db.session.count({ where: { user: { usernameKey: username } } })).toBe(1);
  });

  it('refuses a taken username in any letter case before hashing anything', async () => {
    const username = newUsername();
    await db.user.create({ data: { username, usernameKey: username, displayName: username, webauthnUserId: randomBytes(32).toString('base64url'), createdOnSite: 'jp' } });
    const started = performance.now();
    expect((await refusal(() => signUp({ username: username.toUpperCase(), password: PASSWORD }))).code).toBe('USERNAME_TAKEN');
    // Far less than one hash takes.
    expect(performance.now() - started).toBeLessThan(200);
    expect(await db.user.count({ where: { usernameKey: username } })).toBe(1);
  });

  it('refuses what breaks a rule with a message naming the rule, never the password, and writes nothing', async () => {
    const username = newUsername();
    const cases: [string, string, RegExp][] = [
      ['short12', 'INVALID_PASSWORD', /at least 8/],
      ['x'.repeat(129), 'INVALID_PASSWORD', /at most 128/],
      ['Baseball', 'INVALID_PASSWORD', /commonly used/],
      [username.toUpperCase(), 'INVALID_PASSWORD', /username/],
      ['tab\there!', 'INVALID_PASSWORD', /control characters/],
    ];
    for (const [password, code, message] of cases) {
      const error = await refusal(() => parsePasswordSignUp({ username, password }));
      expect([error.code, error.status], password).toEqual([code, 422]);
      expect(error.message).toMatch(message);
      expect(error.message).not.toContain(password);
    }
    expect((await refusal(() => parsePasswordSignUp({ username: 'a', password: PASSWORD }))).code).toBe('INVALID_USERNAME');
    expect((await refusal(() => parsePasswordSignUp({ username, displayName: 'bidi\u202e', password: PASSWORD }))).code).toBe('INVALID_DISPLAY_NAME');
    expect(passwordSignUpBody.safeParse({ username, password: 'x'.repeat(1025) }).success).toBe(false);
    expect(passwordSignUpBody.safeParse({ username, password: PASSWORD, admin: true }).success).toBe(false);
    expect(await db.user.count({ where: { usernameKey: username } })).toBe(0);
  });
});
