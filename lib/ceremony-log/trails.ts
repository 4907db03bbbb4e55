import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { ApiError } from '@/lib/api/errors';
import { ASYNC_COMMIT, sql } from '@/lib/db/sql';
import { statementName, SWEEP_BATCH, sweepCtes, sweepTurn } from '@/lib/db/sweeps';
import { TRAIL_BINDINGS } from './store';

/** How long a walkthrough link to another site can be followed. */
export const HANDOFF_TTL_SECONDS = 10 * 60;

/** Used and expired handoffs are kept this long, so a late click is told "used" or "expired", not "unknown". */
const HANDOFF_RETENTION_SECONDS = 60 * 60;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * A single-use token that lets another site's binding join this browser's trail (the binding gets
 * a trail now if it has none). Only its hash is stored; on a sweep turn, long-expired handoffs are
 * swept on the way. Losing one in a crash costs a click, so the commit does not wait for the flush.
 */
export async function createHandoff(bindingHash: string): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const sweeping = sweepTurn();
  await sql(
    statementName('trail-handoff', sweeping),
    `WITH ${ASYNC_COMMIT},
     trail AS (
       INSERT INTO browser_trails (binding_hash, trail_id, created_at)
       SELECT $1, gen_random_uuid(), now() FROM async_commit
       ON CONFLICT (binding_hash) DO UPDATE SET trail_id = browser_trails.trail_id
       RETURNING trail_id)${sweepCtes(
         sweeping,
         `swept AS (
       DELETE FROM trail_handoffs WHERE token_hash IN (
         SELECT token_hash FROM trail_handoffs WHERE expires_at < now() - make_interval(secs => ${HANDOFF_RETENTION_SECONDS})
         ORDER BY expires_at LIMIT ${SWEEP_BATCH} FOR UPDATE SKIP LOCKED))`,
       )}
     INSERT INTO trail_handoffs (token_hash, trail_id, expires_at)
     SELECT $2, trail_id, now() + make_interval(secs => ${HANDOFF_TTL_SECONDS}) FROM trail`,
    [bindingHash, hashToken(token)],
  );
  return token;
}

/**
 * Joins this binding to the trail a handoff token names, using the token up, in one statement.
 * When the binding already had a trail of its own (the browser was here before it followed the
 * link), that trail's other bindings and pending handoffs move too: both sides were this browser.
 * A token that is unknown, used or expired is refused with nothing written.
 */
export async function joinTrail(token: string, bindingHash: string): Promise<void> {
  const tokenHash = hashToken(token);
  const joined = await sql(
    'trail-join',
    `WITH handoff AS (
       UPDATE trail_handoffs SET used_at = now()
       WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()
       RETURNING trail_id),
     previous AS (SELECT trail_id FROM browser_trails WHERE binding_hash = $2),
     moved AS (
       UPDATE browser_trails SET trail_id = handoff.trail_id FROM handoff
       WHERE browser_trails.trail_id = (SELECT trail_id FROM previous) AND browser_trails.binding_hash <> $2),
     moved_handoffs AS (
       UPDATE trail_handoffs SET trail_id = handoff.trail_id FROM handoff
       WHERE trail_handoffs.trail_id = (SELECT trail_id FROM previous) AND trail_handoffs.token_hash <> $1),
     linked AS (
       INSERT INTO browser_trails (binding_hash, trail_id, created_at)
       SELECT $2, trail_id, now() FROM handoff
       ON CONFLICT (binding_hash) DO UPDATE SET trail_id = EXCLUDED.trail_id)
     SELECT trail_id FROM handoff`,
    [tokenHash, bindingHash],
  );
  if (joined.length === 1) return;
  const [handoff] = await sql<{ used: boolean }>('trail-join-explain', `SELECT used_at IS NOT NULL AS used FROM trail_handoffs WHERE token_hash = $1`, [tokenHash]);
  if (!handoff) throw new ApiError('HANDOFF_NOT_FOUND');
  throw new ApiError(handoff.used ? 'HANDOFF_USED' : 'HANDOFF_EXPIRED');
}

/**
 * Start over: forgets this browser's trail (its log on every site, its pending handoffs, its
 * links) and ends every session its bindings opened, on every site, plus the session of this
 * request's cookie, in one statement. Without a binding, only that session ends.
 */
export async function startOver(bindingHash: string | undefined, sessionId: string | undefined): Promise<{ sessionsEnded: number; entriesDeleted: number }> {
  const [row] = await sql<{ sessionsEnded: number; entriesDeleted: number }>(
    'trail-start-over',
    `WITH bindings AS (${TRAIL_BINDINGS}),
     trail AS (SELECT trail_id FROM browser_trails WHERE binding_hash = $1),
     ended AS (
       UPDATE sessions SET revoked_at = now()
       WHERE revoked_at IS NULL AND (binding_hash IN (SELECT binding_hash FROM bindings) OR id = $2)
       RETURNING 1),
     forgotten AS (DELETE FROM ceremony_log WHERE binding_hash IN (SELECT binding_hash FROM bindings) RETURNING 1),
     handoffs AS (DELETE FROM trail_handoffs WHERE trail_id IN (SELECT trail_id FROM trail)),
     unlinked AS (DELETE FROM browser_trails WHERE binding_hash IN (SELECT binding_hash FROM bindings))
     SELECT (SELECT count(*) FROM ended)::int AS "sessionsEnded", (SELECT count(*) FROM forgotten)::int AS "entriesDeleted"`,
    [bindingHash ?? null, sessionId ?? null],
  );
  return row ?? { sessionsEnded: 0, entriesDeleted: 0 };
}
