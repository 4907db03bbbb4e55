import 'server-only';
import { ApiError } from '@/lib/api/errors';
import { REAUTHENTICATION_WINDOW_SECONDS } from '@/lib/auth/reauthentication';
import { SESSION_MAX_AGE_SECONDS, SWEEP_ENDED_SESSIONS } from '@/lib/auth/sessions';
import { sql, uniqueViolation } from '@/lib/db/sql';
import { statementName, sweepCtes, sweepTurn } from '@/lib/db/sweeps';

/** A session a password opens on one site; the browser's previous session there, if any, ends. */
export interface NewPasswordSession {
  id: string;
  siteId: string;
  userAgent: string | null;
  previousSessionId: string | undefined;
  /** The browser's binding, if it has one: the walkthrough's Start over ends the sessions it opened. */
  bindingHash: string | undefined;
}

function sessionValues(session: NewPasswordSession): unknown[] {
  return [session.id, session.siteId, session.userAgent?.slice(0, 512) ?? null, session.previousSessionId ?? null, session.bindingHash ?? null];
}

/**
 * The end of a statement that opens a password session ($1 to $5, sessionValues) for the account
 * the CTE `owner` yields (its `id`): the browser's previous session on this site ends, on a sweep
 * turn long-ended sessions are swept, and nothing at all happens when `owner` is empty.
 */
const openSession = (sweeping: boolean) => `replaced AS (
  UPDATE sessions SET revoked_at = now() FROM owner
  WHERE sessions.id = $4 AND sessions.site_id = $2 AND sessions.revoked_at IS NULL)${sweepCtes(sweeping, SWEEP_ENDED_SESSIONS)}
INSERT INTO sessions (id, user_id, site_id, method, user_agent, created_at, expires_at, reauthenticated_at, binding_hash)
SELECT $1, owner.id, $2, 'password', $3, now(), now() + make_interval(secs => ${SESSION_MAX_AGE_SECONDS}), now(), $5 FROM owner
RETURNING user_id AS "userId"`;

export interface NewPasswordAccount {
  username: string;
  usernameKey: string;
  displayName: string;
  webauthnUserId: string;
  passwordHash: string;
}

/**
 * Creates an account with its password hash and a session on this site in one statement: all of
 * it or none. A username taken meanwhile, in any letter case, is settled by the unique index on
 * its key and answered as USERNAME_TAKEN. Returns the new account's id.
 */
export async function createPasswordAccount(account: NewPasswordAccount, session: NewPasswordSession): Promise<string> {
  const sweeping = sweepTurn();
  const rows = await sql<{ userId: string }>(
    statementName('create-password-account', sweeping),
    `WITH owner AS (
       INSERT INTO users (id, username, username_key, display_name, webauthn_user_id, password_hash, created_at, created_on_site)
       VALUES (gen_random_uuid(), $6, $7, $8, $9, $10, now(), $2)
       RETURNING id),
     ${openSession(sweeping)}`,
    [...sessionValues(session), account.username, account.usernameKey, account.displayName, account.webauthnUserId, account.passwordHash],
  ).catch((error: unknown) => {
    if (uniqueViolation(error)?.includes('username_key')) throw new ApiError('USERNAME_TAKEN');
    throw error;
  });
  const userId = rows[0]?.userId;
  if (!userId) throw new Error('create-password-account returned no row');
  return userId;
}

export interface PasswordAccount {
  id: string;
  username: string;
  displayName: string;
  /** Null for a passkey-only account. */
  passwordHash: string | null;
  hasPasskey: boolean;
}

/** The account a password sign-in names, with what the sign-in needs to know about it. */
export async function findPasswordAccount(usernameKey: string): Promise<PasswordAccount | null> {
  const rows = await sql<PasswordAccount>(
    'find-password-account',
    `SELECT id, username, display_name AS "displayName", password_hash AS "passwordHash",
            EXISTS (SELECT 1 FROM passkeys WHERE passkeys.user_id = users.id) AS "hasPasskey"
     FROM users WHERE username_key = $1`,
    [usernameKey],
  );
  return rows[0] ?? null;
}

/**
 * Records a successful password sign-in and opens its session, in one statement, durably. Only
 * while the account still has the hash that was checked: returns false, having written nothing,
 * when it was deleted or its password changed since.
 */
export async function recordPasswordSignIn(input: { userId: string; passwordHash: string; session: NewPasswordSession }): Promise<boolean> {
  const sweeping = sweepTurn();
  const rows = await sql<{ userId: string }>(
    statementName('record-password-sign-in', sweeping),
    `WITH owner AS (SELECT id FROM users WHERE id = $6::uuid AND password_hash = $7),
     signed_in AS (
       INSERT INTO sign_in_events (id, user_id, site_id, method, success, at)
       SELECT gen_random_uuid(), owner.id, $2, 'password', true, now() FROM owner),
     ${openSession(sweeping)}`,
    [...sessionValues(input.session), input.userId, input.passwordHash],
  );
  return rows.length === 1;
}

/** What confirming it's you with a password needs to know about the session's account. */
export interface ReauthenticatingAccount {
  id: string;
  usernameKey: string;
  passwordHash: string | null;
}

export async function findReauthenticatingAccount(userId: string): Promise<ReauthenticatingAccount | null> {
  const rows = await sql<ReauthenticatingAccount>(
    'find-reauthenticating-account',
    `SELECT id, username_key AS "usernameKey", password_hash AS "passwordHash" FROM users WHERE id = $1::uuid`,
    [userId],
  );
  return rows[0] ?? null;
}

/**
 * Marks a session as reauthenticated by its password, in one statement, only while the account
 * still has the hash that was checked and the session is not revoked. Answers whether the hash
 * still held, and until when the session may make sensitive changes (null when it was ended).
 */
export async function recordPasswordReauthentication(input: {
  userId: string;
  sessionId: string;
  passwordHash: string;
}): Promise<{ passwordHeld: boolean; reauthenticatedUntil: Date | null }> {
  const [row] = await sql<{ passwordHeld: boolean; reauthenticatedUntil: Date | null }>(
    'record-password-reauthentication',
    `WITH owner AS (SELECT id FROM users WHERE id = $1::uuid AND password_hash = $3),
     confirmed AS (
       UPDATE sessions SET reauthenticated_at = now() FROM owner
       WHERE sessions.id = $2 AND sessions.user_id = owner.id AND sessions.revoked_at IS NULL
       RETURNING sessions.reauthenticated_at + make_interval(secs => $4) AS until)
     SELECT EXISTS (SELECT 1 FROM owner) AS "passwordHeld", (SELECT until FROM confirmed) AS "reauthenticatedUntil"`,
    [input.userId, input.sessionId, input.passwordHash, REAUTHENTICATION_WINDOW_SECONDS],
  );
  if (!row) throw new Error('record-password-reauthentication returned no row');
  return row;
}
