import 'server-only';
import { ASYNC_COMMIT, sql } from '@/lib/db/sql';
import type { CeremonyKind, CeremonyLogEntry, CeremonyStep, CeremonyUi } from './entry';

/** How long a browser's log is kept and shown. */
export const LOG_RETENTION_SECONDS = 24 * 60 * 60;

/**
 * How long a binding's link to its trail is kept: its cookie lives a day (browser-binding.ts), and
 * the entries it logged in that day another day, so a link outlives everything it can show.
 */
export const TRAIL_LINK_RETENTION_SECONDS = 2 * LOG_RETENTION_SECONDS;

/**
 * The most rows one binding keeps after its housekeeping: far more than a workshop makes, and a
 * bound on what a script posting garbage to a verify route with one cookie can store (verify
 * calls are not rate-limited: each needs a challenge, which is). Between two housekeepings a
 * binding can hold up to HOUSEKEEPING_EVERY - 1 rows more.
 */
export const ENTRIES_PER_BINDING = 200;

/**
 * Housekeeping (the binding's cap, and the sweeps of expired rows and stale trail links) runs
 * after every this many writes of a binding, and after one write in this many of anyone's. Inside
 * the write it made the write the costliest statement of a sign-in (1.39 ms mean in the
 * benchmark, against 0.18 ms now): a busy binding's cap read through its 200 newest rows on every
 * write.
 */
export const HOUSEKEEPING_EVERY = 32;

/** The most rows one housekeeping removes per sweep: it runs 1 write in HOUSEKEEPING_EVERY, so the sweeps keep up with 16 inserts per write. */
const SWEEP_BATCH = 16 * HOUSEKEEPING_EVERY;

/** The columns of a row; `entry` is the rest of the CeremonyLogEntry. */
export interface LogRow {
  bindingHash: string;
  siteId: string;
  kind: CeremonyKind;
  step: CeremonyStep;
  /** 'ok', or the code it was refused with. */
  outcome: string;
  ui: CeremonyUi | undefined;
  challenge: string | undefined;
  entry: Omit<CeremonyLogEntry, 'id' | 'at' | 'ui'>;
}

interface StoredRow {
  id: string;
  at: Date;
  ui: CeremonyUi | null;
}

/** A stored row as the browser reads it. */
export function toEntry(row: StoredRow & { entry: unknown }): CeremonyLogEntry {
  return { id: row.id, at: row.at.toISOString(), ...(row.entry as Omit<CeremonyLogEntry, 'id' | 'at'>), ...(row.ui ? { ui: row.ui } : {}) };
}

/**
 * Whether a write is followed by housekeeping: the binding's every HOUSEKEEPING_EVERY-th write
 * (so its cap holds), or by chance one write in HOUSEKEEPING_EVERY (so expired rows are swept
 * even when every browser writes only a few). `chance` is uniform in [0, 1).
 */
export function housekeepingDue(bindingWrites: number, chance: number): boolean {
  return bindingWrites % HOUSEKEEPING_EVERY === 0 || chance < 1 / HOUSEKEEPING_EVERY;
}

/**
 * Writes one log row in one statement, without waiting for its flush (a row lost in a crash costs
 * nothing). The binding gets a trail of its own if it has none yet, and its write is counted. A
 * verify row without a `ui` takes the one its options row (same binding and challenge) was
 * started with. Housekeeping follows when it is due (`chance`: uniform in [0, 1), for housekeepingDue).
 */
export async function writeLogRow(row: LogRow, chance = Math.random()): Promise<CeremonyLogEntry> {
  const [stored] = await sql<StoredRow & { writes: number }>(
    'ceremony-log-write',
    `WITH ${ASYNC_COMMIT},
     trail AS (
       INSERT INTO browser_trails (binding_hash, trail_id, created_at, log_writes)
       SELECT $1, gen_random_uuid(), now(), 1 FROM async_commit
       ON CONFLICT (binding_hash) DO UPDATE SET log_writes = browser_trails.log_writes + 1
       RETURNING log_writes)
     INSERT INTO ceremony_log (id, binding_hash, site_id, kind, step, outcome, ui, challenge, created_at, entry)
     SELECT gen_random_uuid(), $1, $2, $3, $4, $5,
            COALESCE($6, (SELECT o.ui FROM ceremony_log o
                          WHERE $4::varchar = 'verify' AND o.binding_hash = $1 AND o.challenge = $7 AND o.step = 'options'
                          ORDER BY o.created_at DESC LIMIT 1)),
            $7, now(), $8::jsonb
     FROM async_commit
     RETURNING id, created_at AS at, ui, (SELECT log_writes FROM trail) AS writes`,
    [row.bindingHash, row.siteId, row.kind, row.step, row.outcome.slice(0, 64), row.ui ?? null, row.challenge?.slice(0, 128) ?? null, JSON.stringify(row.entry)],
  );
  if (!stored) throw new Error('ceremony-log-write returned no row');
  // The row is written: a failed housekeeping is left to the next one, never this write's failure.
  if (housekeepingDue(stored.writes, chance)) {
    await logHousekeeping(row.bindingHash).catch((error: unknown) => {
      console.error(`ceremony log: housekeeping failed (${error instanceof Error ? error.message : String(error)})`);
    });
  }
  return toEntry({ ...stored, entry: row.entry });
}

/**
 * One statement, with an asynchronous commit: removes this binding's rows beyond its cap, and a
 * batch of rows past the retention and of stale trail links (other browsers' rows, locked
 * by nobody else's sweep).
 */
export async function logHousekeeping(bindingHash: string): Promise<void> {
  await sql(
    'ceremony-log-housekeeping',
    `WITH ${ASYNC_COMMIT},
     capped AS (
       DELETE FROM ceremony_log WHERE id IN (
         SELECT id FROM ceremony_log WHERE binding_hash = $1
         ORDER BY created_at DESC OFFSET ${ENTRIES_PER_BINDING} LIMIT ${SWEEP_BATCH})),
     swept AS (
       DELETE FROM ceremony_log WHERE id IN (
         SELECT id FROM ceremony_log WHERE created_at < now() - make_interval(secs => ${LOG_RETENTION_SECONDS})
         ORDER BY created_at LIMIT ${SWEEP_BATCH} FOR UPDATE SKIP LOCKED)),
     swept_links AS (
       DELETE FROM browser_trails WHERE binding_hash IN (
         SELECT binding_hash FROM browser_trails
         WHERE created_at < now() - make_interval(secs => ${TRAIL_LINK_RETENTION_SECONDS}) AND binding_hash <> $1
         ORDER BY created_at LIMIT ${SWEEP_BATCH} FOR UPDATE SKIP LOCKED))
     SELECT 1 FROM async_commit`,
    [bindingHash],
  );
}

/**
 * SQL: the binding hashes of the trail binding $1 belongs to, itself included (it may have no
 * trail yet). A trail id never comes from a request: it is always found from the cookie's hash.
 */
export const TRAIL_BINDINGS = `SELECT $1::varchar AS binding_hash
  UNION SELECT other.binding_hash FROM browser_trails mine JOIN browser_trails other USING (trail_id) WHERE mine.binding_hash = $1`;
