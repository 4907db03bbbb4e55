import 'server-only';
import { REAUTHENTICATION_WINDOW_SECONDS } from '@/lib/auth/reauthentication';
import { SESSION_MAX_AGE_SECONDS, SWEEP_ENDED_SESSIONS, type SignInMethod } from '@/lib/auth/sessions';
import { ASYNC_COMMIT, sql } from '@/lib/db/sql';
import { statementName, SWEEP_BATCH, sweepCtes, sweepTurn } from '@/lib/db/sweeps';
import { CONSUMABLE, whyNotConsumable } from './challenges';

/** A stored passkey with its owner, as a sign-in needs them. */
export interface StoredPasskey {
  id: string;
  name: string;
  publicKey: Buffer;
  /** Postgres bigint, parsed: counters are 32-bit on the wire, so a number holds them. */
  counter: number;
  transports: string[];
  deviceType: string;
  user: { id: string; username: string; displayName: string; webauthnUserId: string };
}

interface ConsumedRow {
  id: string | null;
  name: string | null;
  publicKey: Buffer | null;
  counter: string | null;
  transports: string[] | null;
  deviceType: string | null;
  userId: string | null;
  username: string | null;
  displayName: string | null;
  webauthnUserId: string | null;
}

/**
 * Uses this browser's sign-in challenge and loads the passkey the response names, with its
 * owner, in one statement: one round trip where a sign-in used to take two. Returns null for the
 * passkey when no such passkey is stored (the challenge is used all the same). Refuses, writing
 * nothing, when the challenge is not this browser's, site's and ceremony's, or is too old. A
 * reauthentication's challenge is also the account's: usable only with `userId` its own.
 */
export async function consumeSignInChallenge(input: {
  challenge: string;
  siteId: string;
  bindingHash: string | undefined;
  credentialId: string;
  purpose: 'authentication' | 'reauthentication';
  /** Reauthentication only: the signed-in account. */
  userId?: string;
}): Promise<StoredPasskey | null> {
  const { challenge, siteId, bindingHash, credentialId, purpose, userId } = input;
  if (bindingHash) {
    const [row] = await sql<ConsumedRow>(
      'consume-sign-in',
      `WITH ${ASYNC_COMMIT},
       used AS (DELETE FROM challenges USING async_commit WHERE ${CONSUMABLE} AND user_id IS NOT DISTINCT FROM $6::uuid RETURNING 1)
       SELECT p.id, p.name, p.public_key AS "publicKey", p.counter, p.transports, p.device_type AS "deviceType",
              u.id AS "userId", u.username, u.display_name AS "displayName", u.webauthn_user_id AS "webauthnUserId"
       FROM used
       LEFT JOIN passkeys p ON p.id = $5
       LEFT JOIN users u ON u.id = p.user_id`,
      [challenge, purpose, siteId, bindingHash, credentialId, userId ?? null],
    );
    if (row) return storedPasskey(row);
  }
  throw await whyNotConsumable({ challenge, purpose, siteId, bindingHash, userId });
}

function storedPasskey(row: ConsumedRow): StoredPasskey | null {
  if (row.id === null || row.userId === null) return null;
  return {
    id: row.id,
    name: row.name ?? '',
    publicKey: row.publicKey ?? Buffer.alloc(0),
    counter: Number(row.counter ?? 0),
    transports: row.transports ?? [],
    deviceType: row.deviceType ?? '',
    user: { id: row.userId, username: row.username ?? '', displayName: row.displayName ?? '', webauthnUserId: row.webauthnUserId ?? '' },
  };
}

export interface SuccessfulSignIn {
  passkeyId: string;
  siteId: string;
  newCounter: number;
  backedUp: boolean;
  authenticatorAttachment: string | null;
  sessionId: string;
  userAgent: string | null;
  /** The session this browser held on this site until now, ended by the new one. */
  previousSessionId: string | undefined;
  /** The browser's binding, stored on the session so the walkthrough's Start over can end it. */
  bindingHash: string | undefined;
}

/**
 * Records a verified sign-in in one statement, durably: the passkey's counter, backup state and
 * last use, the sign-in event, the new session, and the end of the session it replaces. The counter only moves forward, decided by
 * the UPDATE's own condition so two concurrent sign-ins with one counter value cannot both
 * pass. Returns false, having written nothing, when the stored counter is already at or past
 * the new one.
 */
export async function recordSignIn(input: SuccessfulSignIn): Promise<boolean> {
  const sweeping = sweepTurn();
  const rows = await sql<{ id: string }>(
    statementName('record-sign-in', sweeping),
    `WITH used AS (
       UPDATE passkeys SET counter = $2, backed_up = $3, last_used_at = now(), last_used_on_site = $4
       WHERE id = $1 AND (counter < $2 OR (counter = 0 AND $2 = 0))
       RETURNING id, user_id),
     signed_in AS (
       INSERT INTO sign_in_events (id, user_id, passkey_id, site_id, authenticator_attachment, success, at)
       SELECT gen_random_uuid(), user_id, id, $4, $5, true, now() FROM used),
     replaced AS (
       UPDATE sessions SET revoked_at = now() FROM used
       WHERE sessions.id = $9 AND sessions.site_id = $4 AND sessions.revoked_at IS NULL)${sweepCtes(sweeping, SWEEP_ENDED_SESSIONS)}
     INSERT INTO sessions (id, user_id, site_id, passkey_id, user_agent, created_at, expires_at, reauthenticated_at, binding_hash)
     SELECT $6, user_id, $4, id, $7, now(), now() + make_interval(secs => $8), now(), $10 FROM used
     RETURNING id`,
    [
      input.passkeyId,
      input.newCounter,
      input.backedUp,
      input.siteId,
      input.authenticatorAttachment,
      input.sessionId,
      input.userAgent?.slice(0, 512) ?? null,
      SESSION_MAX_AGE_SECONDS,
      input.previousSessionId ?? null,
      input.bindingHash ?? null,
    ],
  );
  return rows.length === 1;
}

export interface Reauthentication {
  passkeyId: string;
  userId: string;
  siteId: string;
  newCounter: number;
  backedUp: boolean;
  /** The session that proved its owner again. */
  sessionId: string;
}

/**
 * Records a verified reauthentication in one statement, durably: the passkey's counter (only
 * forward, in the UPDATE's condition, and only a passkey of this account), backup state and last
 * use, and the session's reauthenticated_at. Answers whether the counter moved, and until when
 * the session may make sensitive changes (null when it was ended meanwhile).
 */
export async function recordReauthentication(input: Reauthentication): Promise<{ counterMoved: boolean; reauthenticatedUntil: Date | null }> {
  const [row] = await sql<{ counterMoved: boolean; reauthenticatedUntil: Date | null }>(
    'record-reauthentication',
    `WITH used AS (
       UPDATE passkeys SET counter = $2, backed_up = $3, last_used_at = now(), last_used_on_site = $4
       WHERE id = $1 AND user_id = $5::uuid AND (counter < $2 OR (counter = 0 AND $2 = 0))
       RETURNING user_id),
     confirmed AS (
       UPDATE sessions SET reauthenticated_at = now() FROM used
       WHERE sessions.id = $6 AND sessions.user_id = used.user_id AND sessions.revoked_at IS NULL
       RETURNING sessions.reauthenticated_at + make_interval(secs => $7) AS until)
     SELECT EXISTS (SELECT 1 FROM used) AS "counterMoved", (SELECT until FROM confirmed) AS "reauthenticatedUntil"`,
    [input.passkeyId, input.newCounter, input.backedUp, input.siteId, input.userId, input.sessionId, REAUTHENTICATION_WINDOW_SECONDS],
  );
  if (!row) throw new Error('record-reauthentication returned no row');
  return row;
}

export interface FailedSignIn {
  siteId: string;
  authenticatorAttachment: string | null;
  userId?: string;
  passkeyId?: string;
  errorCode: string;
  /** Passkey unless said otherwise. */
  method?: SignInMethod;
}

/** Failed attempts are kept this long (successful ones, the account's history, stay). */
export const FAILED_SIGN_IN_RETENTION_SECONDS = 30 * 24 * 60 * 60;

/** A CTE deleting a batch of failed attempts older than the retention period (index on at). */
const SWEEP_FAILED_SIGN_INS = `swept AS (
  DELETE FROM sign_in_events WHERE id IN (
    SELECT id FROM sign_in_events WHERE success = false AND at < now() - make_interval(secs => ${FAILED_SIGN_IN_RETENTION_SECONDS})
    ORDER BY at LIMIT ${SWEEP_BATCH} FOR UPDATE SKIP LOCKED))`;

/**
 * Records a refused sign-in attempt; an attempt lost in a crash costs nothing, so no flush waits.
 * The account and passkey are named only if they still exist: either may be deleted meanwhile.
 * On a sweep turn, sweeps failed attempts older than the retention period on the way.
 */
export async function recordFailedSignIn(event: FailedSignIn): Promise<void> {
  const sweeping = sweepTurn();
  await sql(
    statementName('record-failed-sign-in', sweeping),
    `WITH ${ASYNC_COMMIT}${sweepCtes(sweeping, SWEEP_FAILED_SIGN_INS)}
     INSERT INTO sign_in_events (id, user_id, passkey_id, site_id, authenticator_attachment, method, success, error_code, at)
     SELECT gen_random_uuid(), (SELECT id FROM users WHERE id = $1::uuid), (SELECT id FROM passkeys WHERE id = $2),
            $3, $4, $6, false, $5, now()
     FROM async_commit`,
    [event.userId ?? null, event.passkeyId ?? null, event.siteId, event.authenticatorAttachment, event.errorCode, event.method ?? 'passkey'],
  );
}
