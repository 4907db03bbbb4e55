import 'server-only';
import { ApiError } from '@/lib/api/errors';
import { ASYNC_COMMIT, sql } from '@/lib/db/sql';
import { RATE_LIMITS, type RateLimitName } from './limits';

/**
 * RATE_LIMIT_FACTOR multiplies every limit: raise it for a load test or a large workshop on one
 * network. The counting still happens, so what is measured is what production runs.
 */
function limitFactor(): number {
  const factor = Number(process.env.RATE_LIMIT_FACTOR);
  return Number.isFinite(factor) && factor > 0 ? factor : 1;
}

/** How long a counter row outlives its window before a later hit sweeps it. */
const RETENTION_SECONDS = 24 * 60 * 60;
const SWEEP_BATCH = 16;

export interface Hit {
  limit: RateLimitName;
  /** Who is counted: an address, a binding hash. Undefined skips the limit (subject unknown). */
  subject: string | undefined;
}

/**
 * Counts one hit against each limit in one statement (an upsert per counter, committed without
 * waiting for the flush: a count lost in a crash is harmless) and refuses with 429 when any is
 * over. Counters live in Postgres, so every instance enforces the same limits.
 */
export async function enforceRateLimits(hits: Hit[]): Promise<void> {
  const counted = hits.filter((hit): hit is { limit: RateLimitName; subject: string } => hit.subject !== undefined);
  if (counted.length === 0) return;
  const limitOf = new Map(counted.map((hit) => [`${hit.limit}:${hit.subject}`, RATE_LIMITS[hit.limit]]));
  const keys = [...limitOf.keys()];
  const rows = await sql<{ key: string; hits: number; retryAfter: number }>(
    'rate-limit',
    `WITH ${ASYNC_COMMIT},
     incoming AS (
       SELECT k.key, k.secs, date_bin(make_interval(secs => k.secs), now(), timestamptz '2000-01-01') AS window_start
       FROM unnest($1::text[], $2::int[]) AS k(key, secs)),
     swept AS (
       DELETE FROM rate_limits WHERE key IN (
         SELECT key FROM rate_limits WHERE window_start < now() - make_interval(secs => $3) AND key <> ALL($1::text[])
         LIMIT ${SWEEP_BATCH} FOR UPDATE SKIP LOCKED)),
     counted AS (
       INSERT INTO rate_limits (key, window_start, hits)
       SELECT key, window_start, 1 FROM incoming, async_commit
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN rate_limits.window_start = EXCLUDED.window_start THEN rate_limits.hits + 1 ELSE 1 END,
         window_start = EXCLUDED.window_start
       RETURNING key, hits, window_start)
     SELECT counted.key, counted.hits,
            ceil(extract(epoch FROM counted.window_start + make_interval(secs => incoming.secs) - now()))::int AS "retryAfter"
     FROM counted JOIN incoming USING (key)`,
    [keys, keys.map((key) => limitOf.get(key)?.windowSeconds), RETENTION_SECONDS],
  );
  const factor = limitFactor();
  const over = rows.filter((row) => row.hits > (limitOf.get(row.key)?.limit ?? Infinity) * factor);
  if (over.length === 0) return;
  const retryAfter = Math.max(1, ...over.map((row) => row.retryAfter));
  throw new ApiError('RATE_LIMITED', `Too many attempts. Try again in ${retryAfter} seconds.`, retryAfter);
}
