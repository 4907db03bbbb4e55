import { randomBytes, randomUUID } from 'node:crypto';
import { afterEach, describe, expect, vi } from 'vitest';
import { API_ERRORS } from '@/lib/api/errors';
import type { SessionToken } from '@/lib/auth/session-cookie';
import { db, getPool } from '@/lib/db/client';
import { RATE_LIMITS } from '@/lib/rate-limit/limits';
import { siteById } from '@/lib/sites/config';
import type { Site } from '@/lib/sites/schema';
import { appDatabaseTest } from '@/tools/db/app-database';
import { refusal } from '@/tools/testing/refusal';
import { hashPassword } from './password-hash';
import { passwordSignIn, passwordSignInBody } from './password-sign-in';
import { parsePasswordSignUp, passwordSignUp } from './password-sign-up';

const it = appDatabaseTest;
// Every attempt checks a real hash (most of a second here).
const SLOW = { timeout: 60_000 };

afterEach(() => {
  vi.unstubAllEnvs();
});

function siteNamed(id: string): Site {
  const site = siteById(id);
  if (!site) throw new Error(`sites.config.ts has no site "${id}"`);
  return site;
}

const PASSWORD = 'violet kettle 2031';
// One hash for every account of the file: making one costs as much as checking one.
const storedHash = hashPassword(PASSWORD);

async function account({ password = true, passkey = false } = {}): Promise<{ id: string; username: string }> {
  const username = `si${randomBytes(5).toString('hex')}`;
  const user = await db.user.create({
    data: {
      username,
      usernameKey: username,
      displayName: `Display ${username}`,
      webauthnUserId: randomBytes(32).toString('base64url'),
      passwordHash: password ? await storedHash : null,
      createdOnSite: 'jp',
    },
  });
  if (passkey) {
    await db.passkey.create({
      data: { id: randomBytes(16).toString('base64url'), userId: user.id, publicKey: new Uint8Array([1]), deviceType: 'multiDevice', backedUp: true, aaguid: randomUUID(), name: 'Phone', createdOnSite: 'jp' },
    });
  }
  return { id: user.id, username };
}

function signIn(body: { username: string; password: string }, options: { site?: string; address?: string; previousSessionId?: string } = {}) {
  return passwordSignIn({
    site: siteNamed(options.site ?? 'uk'),
    body: passwordSignInBody.parse(body),
    clientAddress: options.address,
    userAgent: 'test',
    issueSession: (session: SessionToken) => Promise.resolve(session),
    previousSessionId: options.previousSessionId,
  });
}

const events = (userId: string) =>
  db.signInEvent.findMany({ where: { userId }, orderBy: { at: 'asc' }, select: { siteId: true, method: true, success: true, errorCode: true, passkeyId: true } });

describe('passwordSignIn', () => {
  it('signs in: a password session on this site, a sign-in event, and whether the account has a passkey', SLOW, async () => {
    const { id, username } = await account();
    const result = await signIn({ username: username.toUpperCase(), password: PASSWORD });
    expect(result.user).toEqual({ id, username, displayName: `Display ${username}` });
    expect(result.hasPasskey).toBe(false);
    expect(result.cookie).toEqual({ sub: id, name: username, sid: expect.any(String) });
    const session = await db.session.findUniqueOrThrow({ where: { id: result.cookie.sid } });
    expect(session).toMatchObject({ userId: id, siteId: 'uk', method: 'password', passkeyId: null, revokedAt: null });
    expect(await events(id)).toEqual([{ siteId: 'uk', method: 'password', success: true, errorCode: null, passkeyId: null }]);

    const withPasskey = await account({ passkey: true });
    expect((await signIn({ username: withPasskey.username, password: PASSWORD })).hasPasskey).toBe(true);
  });

  it("ends the browser's previous session on this site only", SLOW, async () => {
    const { username } = await account();
    const first = await signIn({ username, password: PASSWORD });
    const second = await signIn({ username, password: PASSWORD }, { previousSessionId: first.cookie.sid });
    const revoked = async (sid: string) => (await db.session.findUniqueOrThrow({ where: { id: sid } })).revokedAt !== null;
    expect(await revoked(first.cookie.sid)).toBe(true);
    // Presented on another site, the uk session id ends nothing.
    await signIn({ username, password: PASSWORD }, { site: 'jp', previousSessionId: second.cookie.sid });
    expect(await revoked(second.cookie.sid)).toBe(false);
  });

  it('answers a wrong password, an unknown username and a passkey-only account alike, and records each attempt', SLOW, async () => {
    const withPassword = await account();
    const passkeyOnly = await account({ password: false, passkey: true });
    const unknown = `nobody${randomBytes(4).toString('hex')}`;
    const since = new Date(Date.now() - 1000);

    const refusals = [
      await refusal(signIn({ username: withPassword.username, password: 'violet kettle 2032' })),
      await refusal(signIn({ username: unknown, password: PASSWORD })),
      await refusal(signIn({ username: passkeyOnly.username, password: PASSWORD })),
    ];
    for (const error of refusals) expect([error.code, error.status, error.message]).toEqual(['INVALID_CREDENTIALS', 401, API_ERRORS.INVALID_CREDENTIALS.message]);

    const failure = { siteId: 'uk', method: 'password', success: false, errorCode: 'INVALID_CREDENTIALS', passkeyId: null };
    expect(await events(withPassword.id)).toEqual([failure]);
    expect(await events(passkeyOnly.id)).toEqual([failure]);
    expect(await db.signInEvent.count({ where: { userId: null, errorCode: 'INVALID_CREDENTIALS', at: { gte: since } } })).toBe(1);
    expect(await db.session.count({ where: { userId: { in: [withPassword.id, passkeyOnly.id] } } })).toBe(0);
  });

  it('refuses what no password can be as a malformed request, counting and recording nothing', async () => {
    const { id, username } = await account();
    expect((await refusal(signIn({ username, password: 'x'.repeat(129) }))).code).toBe('INVALID_PASSWORD');
    expect((await refusal(signIn({ username, password: 'nul\u0000inside' }))).code).toBe('INVALID_PASSWORD');
    expect((await refusal(signIn({ username: 'x', password: PASSWORD }))).code).toBe('INVALID_USERNAME');
    expect(passwordSignInBody.safeParse({ username, password: 'x'.repeat(1025) }).success).toBe(false);
    expect(passwordSignInBody.safeParse({ username, password: 42 }).success).toBe(false);
    expect(await events(id)).toEqual([]);
    expect(await db.rateLimit.count({ where: { key: `password:account:${username}` } })).toBe(0);
  });

  it('throttles failures per account: once they run out, even the right password is refused before it is checked', SLOW, async () => {
    const { id, username } = await account();
    const { limit, windowSeconds } = RATE_LIMITS['password:account'];
    for (let i = 0; i < limit; i++) {
      expect((await refusal(signIn({ username, password: `wrong guess ${i}` }))).code, `failure ${i + 1}`).toBe('INVALID_CREDENTIALS');
    }
    const throttled = await refusal(signIn({ username, password: PASSWORD }));
    expect([throttled.code, throttled.status]).toEqual(['RATE_LIMITED', 429]);
    expect(throttled.retryAfterSeconds).toBeGreaterThan(0);
    expect(throttled.retryAfterSeconds).toBeLessThanOrEqual(windowSeconds);
    // Only the failures were recorded; the throttled attempt opened nothing.
    expect((await events(id)).map((e) => e.success)).toEqual(Array(limit).fill(false));
    expect(await db.session.count({ where: { userId: id } })).toBe(0);

    // Once the window has passed (moved into the past here, rather than waited for), it works again.
    await db.rateLimit.update({ where: { key: `password:account:${username}` }, data: { windowStart: new Date(Date.now() - windowSeconds * 1000 - 1) } });
    expect((await signIn({ username, password: PASSWORD })).user.id).toBe(id);
  });

  it('does not count a success against the account', SLOW, async () => {
    const { username } = await account();
    const { limit } = RATE_LIMITS['password:account'];
    for (let i = 0; i < limit - 1; i++) await refusal(signIn({ username, password: `wrong guess ${i}` }));
    await signIn({ username, password: PASSWORD });
    // Had the success counted, this last failure would be one too many.
    expect((await refusal(signIn({ username, password: 'one more guess' }))).code).toBe('INVALID_CREDENTIALS');
    expect((await refusal(signIn({ username, password: PASSWORD }))).code).toBe('RATE_LIMITED');
  });

  it('throttles failures per client address, whichever accounts they name', SLOW, async () => {
    vi.stubEnv('RATE_LIMIT_FACTOR', String(2 / RATE_LIMITS['password:address'].limit));
    const address = `203.0.113.${Math.floor(Math.random() * 250)}`;
    for (let i = 0; i < 2; i++) await refusal(signIn({ username: `nobody${randomBytes(4).toString('hex')}`, password: PASSWORD }, { address }));
    const { username } = await account();
    expect((await refusal(signIn({ username, password: PASSWORD }, { address }))).code).toBe('RATE_LIMITED');
    // From another address the same account signs in.
    expect((await signIn({ username, password: PASSWORD }, { address: '198.51.100.1' })).user.username).toBe(username);
  });
});

describe('where a password goes', () => {
  it('is stored nowhere, in no column of any table, after a sign-up, sign-ins and failures', SLOW, async () => {
    const password = `Plaintext-${randomBytes(6).toString('hex')}`;
    const username = `leak${randomBytes(4).toString('hex')}`;
    await passwordSignUp({ site: siteNamed('uk'), signUp: parsePasswordSignUp({ username, password }), userAgent: 'test', previousSessionId: undefined });
    await signIn({ username, password }, { address: '192.0.2.7' });
    await refusal(signIn({ username, password: `${password}x` }, { address: '192.0.2.7' }));
    await refusal(signIn({ username: `${username}x`, password }, { address: '192.0.2.7' }));

    const { rows: columns } = await getPool().query<{ table: string; column: string }>(
      `SELECT table_name AS "table", column_name AS "column" FROM information_schema.columns
       WHERE table_schema = current_schema() AND data_type <> 'bytea'`,
    );
    expect(columns.map((c) => `${c.table}.${c.column}`)).toEqual(expect.arrayContaining(['users.password_hash', 'sign_in_events.error_code', 'challenges.pending', 'rate_limits.key']));
    /** Every column holding `text` in any letter case, in any row. */
    const columnsHolding = async (text: string) => {
      const holding: string[] = [];
      for (const { table, column } of columns) {
        const { rows } = await getPool().query<{ found: boolean }>(`SELECT EXISTS (SELECT 1 FROM "${table}" WHERE strpos(lower("${column}"::text), $1) > 0) AS found`, [text.toLowerCase()]);
        if (rows[0]?.found) holding.push(`${table}.${column}`);
      }
      return holding;
    };
    // The search finds what is stored (the username), and the password is not.
    expect(await columnsHolding(username)).toEqual(expect.arrayContaining(['users.username', 'rate_limits.key']));
    expect(await columnsHolding(password)).toEqual([]);
    const { rows: bytes } = await getPool().query<{ count: number }>(`SELECT count(*)::int AS count FROM passkeys WHERE position(convert_to($1, 'UTF8') IN public_key) > 0`, [password]);
    expect(bytes[0]?.count).toBe(0);
  });
});
