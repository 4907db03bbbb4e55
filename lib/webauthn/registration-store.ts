import 'server-only';
import { randomBytes } from 'node:crypto';
import { SWEEP_ACCOUNT_EVENTS } from '@/lib/accounts/account-events';
import { ApiError } from '@/lib/api/errors';
import { recentlyReauthenticated, type AccountSession } from '@/lib/auth/reauthentication';
import { SESSION_MAX_AGE_SECONDS, SWEEP_ENDED_SESSIONS } from '@/lib/auth/sessions';
import { sql, uniqueViolation } from '@/lib/db/sql';
import { statementName, sweepCtes, sweepTurn } from '@/lib/db/sweeps';

export interface NewPasskey {
  id: string;
  publicKey: Uint8Array;
  counter: number;
  transports: string[];
  deviceType: string;
  backedUp: boolean;
  aaguid: string;
  name: string;
  siteId: string;
}

export interface NewAccount {
  username: string;
  usernameKey: string;
  displayName: string;
  webauthnUserId: string;
}

export interface StoredAccount {
  user: { id: string; username: string; displayName: string };
  passkey: { id: string; name: string };
}

/**
 * A new account's WebAuthn user handle: random, never derived from the username, because
 * authenticators may show or sync it. Password accounts get one too, for the passkey they may add.
 */
export function newWebAuthnUserId(): string {
  return randomBytes(32).toString('base64url');
}

/** Whether a username (its case-folded key) belongs to an account already. */
export async function usernameTaken(usernameKey: string): Promise<boolean> {
  const rows = await sql('username-taken', 'SELECT 1 FROM users WHERE username_key = $1', [usernameKey]);
  return rows.length > 0;
}

const PASSKEY_COLUMNS = `id, user_id, public_key, counter, transports, device_type, backed_up, aaguid, name, created_at, created_on_site`;

function passkeyValues(passkey: NewPasskey): unknown[] {
  return [passkey.id, Buffer.from(passkey.publicKey), passkey.counter, passkey.transports, passkey.deviceType, passkey.backedUp, passkey.aaguid, passkey.name, passkey.siteId];
}

/**
 * Creates an account with its first passkey (recorded as added, for the security notices) and a
 * session on this site, ending the browser's previous session there, in one statement: all of it
 * or none. A username taken or a passkey stored meanwhile is settled by the unique indexes and
 * answered as such.
 */
export async function createAccount(
  account: NewAccount,
  passkey: NewPasskey,
  session: { id: string; userAgent: string | null; previousSessionId: string | undefined; bindingHash: string | undefined },
): Promise<StoredAccount> {
  const sweeping = sweepTurn();
  const rows = await sql<{ userId: string }>(
    statementName('create-account', sweeping),
    `WITH account AS (
       INSERT INTO users (id, username, username_key, display_name, webauthn_user_id, created_at, created_on_site)
       VALUES (gen_random_uuid(), $10, $11, $12, $13, now(), $9)
       RETURNING id),
     credential AS (
       INSERT INTO passkeys (${PASSKEY_COLUMNS})
       SELECT $1, account.id, $2, $3, $4, $5, $6, $7::uuid, $8, now(), $9 FROM account),
     added AS (
       INSERT INTO account_events (id, user_id, kind, site_id, at, detail)
       SELECT gen_random_uuid(), account.id, 'passkey-added', $9, now(), $8 FROM account),
     replaced AS (
       UPDATE sessions SET revoked_at = now() FROM account
       WHERE sessions.id = $17 AND sessions.site_id = $9 AND sessions.revoked_at IS NULL)${sweepCtes(sweeping, SWEEP_ACCOUNT_EVENTS, SWEEP_ENDED_SESSIONS)}
     INSERT INTO sessions (id, user_id, site_id, passkey_id, user_agent, created_at, expires_at, reauthenticated_at, binding_hash)
     SELECT $14, account.id, $9, $1, $15, now(), now() + make_interval(secs => $16), now(), $18 FROM account
     RETURNING user_id AS "userId"`,
    [
      ...passkeyValues(passkey),
      account.username,
      account.usernameKey,
      account.displayName,
      account.webauthnUserId,
      session.id,
      session.userAgent?.slice(0, 512) ?? null,
      SESSION_MAX_AGE_SECONDS,
      session.previousSessionId ?? null,
      session.bindingHash ?? null,
    ],
  ).catch(refuseDuplicate);
  const userId = rows[0]?.userId;
  if (!userId) throw new Error('create-account returned no row');
  return { user: { id: userId, username: account.username, displayName: account.displayName }, passkey: { id: passkey.id, name: passkey.name } };
}

/**
 * Adds a passkey to the session's account, in one statement that also records it as added (for
 * the security notices), only if the session was reauthenticated recently and is not revoked:
 * checked in the INSERT itself, so a session ended or gone stale meanwhile adds nothing
 * (REAUTHENTICATION_REQUIRED). When the account was deleted while the passkey was being made,
 * nothing is stored and the browser is told to sign in again.
 */
export async function addPasskey(session: AccountSession, passkey: NewPasskey): Promise<StoredAccount> {
  const sweeping = sweepTurn();
  const rows = await sql<{ id: string; username: string; displayName: string; recent: boolean }>(
    statementName('add-passkey', sweeping),
    `WITH owner AS (
       SELECT u.id, u.username, u.display_name, ${recentlyReauthenticated('s')} AS recent
       FROM users u LEFT JOIN sessions s ON s.id = $11 AND s.user_id = u.id AND s.revoked_at IS NULL
       WHERE u.id = $10::uuid),
     credential AS (
       INSERT INTO passkeys (${PASSKEY_COLUMNS})
       SELECT $1, owner.id, $2, $3, $4, $5, $6, $7::uuid, $8, now(), $9 FROM owner WHERE owner.recent
       RETURNING user_id, name),
     added AS (
       INSERT INTO account_events (id, user_id, kind, site_id, at, detail)
       SELECT gen_random_uuid(), user_id, 'passkey-added', $9, now(), name FROM credential)${sweepCtes(sweeping, SWEEP_ACCOUNT_EVENTS)}
     SELECT owner.id, owner.username, owner.display_name AS "displayName", owner.recent FROM owner`,
    [...passkeyValues(passkey), session.userId, session.sessionId],
  ).catch(refuseDuplicate);
  const user = rows[0];
  if (!user) throw new ApiError('NOT_SIGNED_IN');
  if (!user.recent) throw new ApiError('REAUTHENTICATION_REQUIRED');
  return { user: { id: user.id, username: user.username, displayName: user.displayName }, passkey: { id: passkey.id, name: passkey.name } };
}

/** The two races a unique index settles: a username taken meanwhile, a passkey stored twice. */
function refuseDuplicate(error: unknown): never {
  const constraint = uniqueViolation(error);
  if (constraint === undefined) throw error;
  throw constraint.includes('username_key') ? new ApiError('USERNAME_TAKEN') : new ApiError('CREDENTIAL_ALREADY_REGISTERED');
}
