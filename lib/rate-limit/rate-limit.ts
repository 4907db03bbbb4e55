import 'server-only';
import { ApiError } from '@/lib/api/errors';
import { ASYNC_COMMIT, sql } from '@/lib/db/sql';
import { statementName, SWEEP_BATCH, sweepCtes, sweepTurn } from '@/lib/db/sweeps';
import { env } from '@/lib/env/env';
import { RATE_LIMITS, type Limit, type RateLimitName } from './limits';


/** How long a counter row outlives its window before a later hit sweeps it. */
const RETENTION_SECONDS = 24 * 60 * 60;

/** A CTE deleting a batch of counters of windows over a day old, never one of this statement's keys ($keys). */
const sweepOldCounters = (keys: number) => `swept_counters AS (
  DELETE FROM rate_limits WHERE key IN (
    SELECT key FROM rate_limits WHERE window_start < now() - make_interval(secs => ${RETENTION_SECONDS}) AND key <> ALL($${keys}::text[])
    ORDER BY window_start LIMIT ${SWEEP_BATCH} FOR UPDATE SKIP LOCKED))`;

/** The keys a statement counts ($keys) with their windows in seconds and their limits (the next two parameters). */
const incoming = (keys: number) =>
  `incoming AS (SELECT k.key, k.secs, k.most FROM unnest($${keys}::text[], $${keys + 1}::int[], $${keys + 2}::int[]) AS k(key, secs, most))`;

/** What a counting statement answers: each counter after the count, and when its window ends. */
const COUNTED_ROWS = `SELECT counted.key, counted.hits, counted.window_start AS "windowStart",
       ceil(extract(epoch FROM counted.window_start + make_interval(secs => incoming.secs) - now()))::int AS "retryAfter"
FROM counted JOIN incoming USING (key)`;

export interface Hit {
  limit: RateLimitName;
  /** Who is counted: an address, a binding hash. Undefined skips the limit (subject unknown). */
  subject: string | undefined;
}

export interface CounterRow {
  key: string;
  hits: number;
  windowStart: Date;
  retryAfter: number;
}

/** The counter's key of a limit for one subject (rate_limits.key). */
export function rateLimitKey(limit: RateLimitName, subject: string): string {
  return `${limit}:${subject}`;
}

/** The keys of the hits whose subject is known, each with its limit after RATE_LIMIT_FACTOR. */
function countedKeys(hits: Hit[]): { keys: string[]; values: [string[], number[], number[]]; limits: Map<string, number> } {
  // RATE_LIMIT_FACTOR raises the limits for a load test or a large workshop on one network; the
  // counting still happens, so what is measured is what production runs.
  const factor = env.RATE_LIMIT_FACTOR;
  const limits = new Map<string, number>();
  const windows = new Map<string, number>();
  for (const hit of hits) {
    if (hit.subject === undefined) continue;
    const key = rateLimitKey(hit.limit, hit.subject);
    const limit: Limit = RATE_LIMITS[hit.limit];
    limits.set(key, limit.scaled === false ? limit.limit : limit.limit * factor);
    windows.set(key, limit.windowSeconds);
  }
  const keys = [...limits.keys()];
  return { keys, values: [keys, keys.map((key) => windows.get(key) ?? 0), keys.map((key) => limits.get(key) ?? 0)], limits };
}

/** The 429 for the counters over their limit, or undefined when none is. */
function overLimit(rows: CounterRow[], limits: Map<string, number>): ApiError | undefined {
  const over = rows.filter((row) => row.hits > (limits.get(row.key) ?? Infinity));
  if (over.length === 0) return undefined;
  const retryAfter = Math.max(1, ...over.map((row) => row.retryAfter));
  return new ApiError('RATE_LIMITED', `Too many attempts. Try again in ${retryAfter} seconds.`, retryAfter);
}

/** Rate-limit counting for a statement of its own making (countHits). */
export interface CountedHits {
  /** Whether any hit has a subject, i.e. anything is counted. */
  counts: boolean;
  /** Whether the CTEs sweep old counters (a sweep turn, `lib/db/sweeps.ts`): the statement then runs unnamed. */
  sweeping: boolean;
  ctes: string;
  answer: string;
  values: unknown[];
  check(rows: CounterRow[]): void;
}

/**
 * Counting hits inside another statement, so that a write guarded by rate limits costs one round
 * trip: CTEs (after ASYNC_COMMIT) that count each hit with a clock-aligned window, on a sweep turn
 * sweep old counters, and leave in `over` the counters past their limit; the guarded write adds
 * `WHERE NOT EXISTS (SELECT 1 FROM over)`, and the statement answers `answer`, which `check`
 * turns into the 429. Its values start at parameter `first`. Hits without a subject count nothing.
 */
export function countHits(hits: Hit[], first: number, sweeping = sweepTurn()): CountedHits {
  const { keys, values, limits } = countedKeys(hits);
  return {
    counts: keys.length > 0,
    sweeping,
    ctes: `${incoming(first)}${sweepCtes(sweeping, sweepOldCounters(first))},
     counted AS (
       INSERT INTO rate_limits (key, window_start, hits)
       SELECT key, date_bin(make_interval(secs => secs), now(), timestamptz '2000-01-01'), 1 FROM incoming, async_commit
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN rate_limits.window_start = EXCLUDED.window_start THEN rate_limits.hits + 1 ELSE 1 END,
         window_start = EXCLUDED.window_start
       RETURNING key, hits, window_start),
     over AS (SELECT counted.key FROM counted JOIN incoming USING (key) WHERE counted.hits > incoming.most)`,
    answer: COUNTED_ROWS,
    values,
    check(rows) {
      const refusal = overLimit(rows, limits);
      if (refusal) throw refusal;
    },
  };
}

/**
 * Counts one hit against each limit in one statement (an upsert per counter, committed without
 * waiting for the flush: a count lost in a crash is harmless) and refuses with 429 when any is
 * over. Windows are aligned to the clock. Counters live in Postgres, so every instance enforces
 * the same limits.
 */
export async function enforceRateLimits(hits: Hit[]): Promise<void> {
  const counting = countHits(hits, 1);
  if (!counting.counts) return;
  const rows = await sql<CounterRow>(statementName('rate-limit', counting.sweeping), `WITH ${ASYNC_COMMIT}, ${counting.ctes} ${counting.answer}`, counting.values);
  counting.check(rows);
}

/** An attempt counted by countAttempt: which counters, in which windows, so a success can be taken back. */
export interface CountedAttempt {
  keys: string[];
  windowStarts: Date[];
}

// A subject's window opens at its first counted attempt and closes windowSeconds later, whatever
// happens meanwhile: attempts in a row always fall in one window (a clock-aligned window could
// split them), and knocking on a locked account does not keep it locked longer.
const WINDOW_OPEN = `rate_limits.window_start > now() - make_interval(secs => (SELECT secs FROM incoming WHERE incoming.key = rate_limits.key))`;

/**
 * Counts an attempt that may fail (a password checked) against each limit, in one statement,
 * and refuses with 429, without counting it, when any limit has already run out. The count
 * comes before the check so that a burst of concurrent guesses cannot all pass a limit that
 * only failures reach; a success takes its count back (`forgiveAttempt`), so in the end only
 * failures are counted.
 */
export async function countAttempt(hits: Hit[]): Promise<CountedAttempt> {
  const { keys, values, limits } = countedKeys(hits);
  if (keys.length === 0) return { keys: [], windowStarts: [] };
  const sweeping = sweepTurn();
  const rows = await sql<CounterRow>(
    statementName('count-attempt', sweeping),
    `WITH ${ASYNC_COMMIT}, ${incoming(1)}${sweepCtes(sweeping, sweepOldCounters(1))},
     counted AS (
       INSERT INTO rate_limits (key, window_start, hits)
       SELECT key, now(), 1 FROM incoming, async_commit
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN ${WINDOW_OPEN} THEN rate_limits.hits + 1 ELSE 1 END,
         window_start = CASE WHEN ${WINDOW_OPEN} THEN rate_limits.window_start ELSE now() END
       RETURNING key, hits, window_start)
     ${COUNTED_ROWS}`,
    values,
  );
  const attempt = { keys: rows.map((row) => row.key), windowStarts: rows.map((row) => row.windowStart) };
  const refusal = overLimit(rows, limits);
  if (refusal) {
    await forgiveAttempt(attempt);
    throw refusal;
  }
  return attempt;
}

/**
 * Takes back an attempt's count: it succeeded, or it was refused before anything was checked.
 * Only in the window it was counted in; a window that has ended since has nothing to take back.
 */
export async function forgiveAttempt({ keys, windowStarts }: CountedAttempt): Promise<void> {
  if (keys.length === 0) return;
  await sql(
    'forgive-attempt',
    `WITH ${ASYNC_COMMIT}
     UPDATE rate_limits SET hits = rate_limits.hits - 1
     FROM unnest($1::text[], $2::timestamptz[]) AS k(key, window_start), async_commit
     WHERE rate_limits.key = k.key AND rate_limits.window_start = k.window_start AND rate_limits.hits > 0`,
    [keys, windowStarts],
  );
}
