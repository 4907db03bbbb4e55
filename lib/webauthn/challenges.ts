import 'server-only';
import { ApiError } from '@/lib/api/errors';
import { ASYNC_COMMIT, sql } from '@/lib/db/sql';
import { statementName, SWEEP_BATCH, sweepCtes } from '@/lib/db/sweeps';
import { countHits, type CounterRow, type Hit } from '@/lib/rate-limit/rate-limit';

/** How long a ceremony may take, matching the options' timeout. */
export const CHALLENGE_TTL_MS = 5 * 60 * 1000;

/** Expired rows are kept this long so a late reply is told "expired", not "not found". */
const EXPIRED_RETENTION_SECONDS = 24 * 60 * 60;

/**
 * A CTE deleting a batch of other browsers' challenges expired over the retention ago ($4: this
 * browser's binding), unless a rate limit refused the start (`over`).
 */
const SWEEP_EXPIRED_CHALLENGES = `swept AS (
  DELETE FROM challenges WHERE NOT EXISTS (SELECT 1 FROM over) AND id IN (
    SELECT id FROM challenges
    WHERE expires_at < now() - make_interval(secs => ${EXPIRED_RETENTION_SECONDS}) AND binding_hash <> $4
    ORDER BY expires_at LIMIT ${SWEEP_BATCH} FOR UPDATE SKIP LOCKED))`;


export type ChallengePurpose = 'registration' | 'authentication' | 'reauthentication';

export interface StoreChallengeInput {
  /** The options' challenge, base64url, as the browser will echo it in clientDataJSON. */
  challenge: string;
  purpose: ChallengePurpose;
  siteId: string;
  bindingHash: string;
  /** The account a passkey is being added to, or whose owner is asked to prove it again. */
  userId?: string;
  pending?: object;
}

/**
 * Stores the challenge of a ceremony being started, in one statement: it replaces the
 * browser's pending challenge of the same purpose (so one browser holds at most one of each and
 * cannot grow the table), and sweeps a few long-expired rows of other browsers. Times come from
 * the database's clock, the one every instance shares. `limits`: the rate limits the start counts
 * against, counted in the same statement (one round trip fewer on the sign-in path); when one is
 * over, nothing but the counts is written and the 429 is thrown.
 */
export async function storeChallenge(input: StoreChallengeInput, limits: Hit[] = []): Promise<void> {
  const counting = countHits(limits, 8);
  const rows = await sql<CounterRow>(
    statementName('store-challenge', counting.sweeping),
    `WITH ${ASYNC_COMMIT}, ${counting.ctes}${sweepCtes(counting.sweeping, SWEEP_EXPIRED_CHALLENGES)},
     stored AS (
       INSERT INTO challenges (id, challenge, purpose, site_id, binding_hash, user_id, pending, created_at, expires_at)
       SELECT gen_random_uuid(), $1, $2::challenge_purpose, $3, $4, $5::uuid, $6::jsonb, now(), now() + make_interval(secs => $7)
       FROM async_commit WHERE NOT EXISTS (SELECT 1 FROM over)
       ON CONFLICT (binding_hash, purpose) DO UPDATE SET
         challenge = EXCLUDED.challenge, site_id = EXCLUDED.site_id, user_id = EXCLUDED.user_id,
         pending = EXCLUDED.pending, created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at)
     ${counting.answer}`,
    [
      input.challenge,
      input.purpose,
      input.siteId,
      input.bindingHash,
      input.userId ?? null,
      input.pending === undefined ? null : JSON.stringify(input.pending),
      CHALLENGE_TTL_MS / 1000,
      ...counting.values,
    ],
  );
  counting.check(rows);
}

export interface ConsumeChallengeInput {
  challenge: string;
  purpose: ChallengePurpose;
  siteId: string;
  /** Undefined when the request carries no binding cookie. */
  bindingHash: string | undefined;
  /**
   * Registration only: the signed-in account, or null. A challenge issued to add a passkey to an
   * account is usable only in that account's session; a sign-up challenge by anyone who holds it.
   */
  userId?: string | null;
}

export interface ConsumedChallenge {
  challenge: string;
  userId: string | null;
  pending: unknown;
}

/**
 * The conditions under which a stored challenge may be used: this browser, site and ceremony,
 * in time. $1 challenge, $2 purpose, $3 site, $4 binding hash. Shared with the sign-in
 * statement (sign-in-store.ts), which consumes and loads the passkey in one round trip.
 */
export const CONSUMABLE = `challenge = $1 AND purpose = $2::challenge_purpose AND site_id = $3 AND binding_hash = $4 AND expires_at > now()`;

/**
 * Takes a challenge out of the store in one DELETE that matches every condition, so it can be
 * used once, only by the browser, site and ceremony it was issued for, and only in time, even
 * with concurrent requests. When nothing matches, nothing is written and the error says why.
 */
export async function consumeChallenge(input: ConsumeChallengeInput): Promise<ConsumedChallenge> {
  const { challenge, purpose, siteId, bindingHash, userId } = input;
  if (bindingHash) {
    const rows = await sql<ConsumedChallenge>(
      'consume-challenge',
      // $5: undefined → any account; null → sign-up challenges only; an id → that account's or sign-up.
      `WITH ${ASYNC_COMMIT}
       DELETE FROM challenges USING async_commit
       WHERE ${CONSUMABLE}
         AND ($5::text = 'any' OR user_id IS NULL OR user_id = $6::uuid)
       RETURNING challenge, user_id AS "userId", pending`,
      [challenge, purpose, siteId, bindingHash, userId === undefined ? 'any' : 'match', userId ?? null],
    );
    const consumed = rows[0];
    if (consumed) return consumed;
  }
  throw await whyNotConsumable(input);
}

/** Explains a refused challenge with one read; never called on the success path. */
export async function whyNotConsumable({ challenge, purpose, siteId, bindingHash, userId }: ConsumeChallengeInput): Promise<ApiError> {
  const [stored] = await sql<{ siteId: string; purpose: string; bindingHash: string; userId: string | null }>(
    'explain-challenge',
    `SELECT site_id AS "siteId", purpose::text AS purpose, binding_hash AS "bindingHash", user_id AS "userId" FROM challenges WHERE challenge = $1`,
    [challenge],
  );
  if (!stored) return new ApiError('CHALLENGE_NOT_FOUND');
  if (stored.siteId !== siteId) return new ApiError('CHALLENGE_SITE_MISMATCH', `This ceremony was started on site "${stored.siteId}", not "${siteId}".`);
  if (stored.purpose !== purpose) return new ApiError('CHALLENGE_PURPOSE_MISMATCH', `This challenge was issued for ${stored.purpose}, not ${purpose}.`);
  if (stored.bindingHash !== bindingHash) return new ApiError('CHALLENGE_NOT_BOUND');
  if (userId !== undefined && stored.userId !== null && stored.userId !== userId) {
    return userId === null ? new ApiError('NOT_SIGNED_IN', 'Sign in again to finish adding this passkey.') : new ApiError('ACCOUNT_MISMATCH');
  }
  return new ApiError('CHALLENGE_EXPIRED');
}
