import 'server-only';
import { randomUUID } from 'node:crypto';
import { GroupWriter } from '@/lib/db/group-writer';
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
 * Whether a binding's write is followed by housekeeping: when its write count passed a multiple of
 * HOUSEKEEPING_EVERY (so its cap holds), or by chance one write in HOUSEKEEPING_EVERY (so expired
 * rows are swept even when every browser writes only a few). `writesBefore` and `writesAfter` are
 * the binding's count around the statement that wrote its rows; `chance` is uniform in [0, 1).
 */
export function housekeepingDue(writesBefore: number, writesAfter: number, chance: number): boolean {
  return Math.floor(writesAfter / HOUSEKEEPING_EVERY) > Math.floor(writesBefore / HOUSEKEEPING_EVERY) || chance < 1 / HOUSEKEEPING_EVERY;
}

/** A row on its way to the database, with when it happened and its housekeeping chance. */
interface PendingRow {
  row: LogRow;
  at: Date;
  chance: number;
}

/**
 * The most rows one statement writes. A sign-in writes two, each after its response is sent:
 * under load they wait for the statement in flight and go in together (lib/db/group-writer.ts),
 * which took the log from two statements per sign-in to 0.09 in the benchmark (batches of about
 * 22 rows at 32 clients) and Postgres' CPU per sign-in from 1.65 ms to 1.40–1.52 ms.
 */
const MAX_BATCH = 64;

const writer = new GroupWriter(writeRows, { maxBatch: MAX_BATCH, maxWaiting: 64 * MAX_BATCH });

/**
 * Writes one log row, without waiting for its flush (a row lost in a crash costs nothing). The
 * binding gets a trail of its own if it has none yet, and its write is counted. A verify row
 * without a `ui` takes the one its options row (same binding and challenge) was started with.
 * Housekeeping follows when it is due (`chance`: uniform in [0, 1), for housekeepingDue). Rows
 * written meanwhile by other requests share the statement.
 */
export function writeLogRow(row: LogRow, chance = Math.random()): Promise<CeremonyLogEntry> {
  return writer.write({ row, at: new Date(), chance });
}

/** A lone surrogate: half of a UTF-16 pair without its other half. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Postgres' jsonb and text hold neither NUL nor a lone surrogate, and a hostile body or a browser
 * error's message may carry both: each becomes U+FFFD, so the row is stored, not refused.
 */
function storable(_key: string, value: unknown): unknown {
  return typeof value === 'string' ? value.replace(LONE_SURROGATE, '\uFFFD').replaceAll('\u0000', '\uFFFD') : value;
}

/**
 * One statement for every row of a batch, with an asynchronous commit. `n` orders the batch: a
 * verify row finds the ui of an options row written before it, in the table or earlier in the
 * same batch. The trail rows are locked in binding order, so two instances' batches sharing
 * bindings wait for each other instead of deadlocking.
 */
async function writeRows(pending: PendingRow[]): Promise<CeremonyLogEntry[]> {
  const rows = pending.map(({ row, at }, n) => ({
    n,
    id: randomUUID(),
    binding_hash: row.bindingHash,
    site_id: row.siteId,
    kind: row.kind,
    step: row.step,
    outcome: row.outcome.slice(0, 64),
    ui: row.ui ?? null,
    challenge: row.challenge?.slice(0, 128) ?? null,
    at: at.toISOString(),
    entry: row.entry,
  }));
  const stored = await sql<{ id: string; ui: CeremonyUi | null; writes: number }>(
    'ceremony-log-write',
    `WITH ${ASYNC_COMMIT},
     batch AS (
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(n int, id uuid, binding_hash varchar, site_id varchar, kind varchar,
         step varchar, outcome varchar, ui varchar, challenge varchar, at timestamptz, entry jsonb)),
     trail AS (
       INSERT INTO browser_trails (binding_hash, trail_id, created_at, log_writes)
       SELECT binding_hash, gen_random_uuid(), now(), count(*) FROM batch, async_commit GROUP BY binding_hash ORDER BY binding_hash
       ON CONFLICT (binding_hash) DO UPDATE SET log_writes = browser_trails.log_writes + EXCLUDED.log_writes
       RETURNING binding_hash, log_writes),
     stored AS (
       INSERT INTO ceremony_log (id, binding_hash, site_id, kind, step, outcome, ui, challenge, created_at, entry)
       SELECT r.id, r.binding_hash, r.site_id, r.kind, r.step, r.outcome,
              COALESCE(r.ui,
                (SELECT o.ui FROM batch o
                 WHERE r.step = 'verify' AND o.binding_hash = r.binding_hash AND o.challenge = r.challenge AND o.step = 'options' AND o.n < r.n
                 ORDER BY o.n DESC LIMIT 1),
                (SELECT o.ui FROM ceremony_log o
                 WHERE r.step = 'verify' AND o.binding_hash = r.binding_hash AND o.challenge = r.challenge AND o.step = 'options'
                 ORDER BY o.created_at DESC LIMIT 1)),
              r.challenge, r.at, r.entry
       FROM batch r, async_commit
       RETURNING id, binding_hash, ui)
     SELECT stored.id, stored.ui, trail.log_writes AS writes FROM stored JOIN trail USING (binding_hash)`,
    [JSON.stringify(rows, storable)],
  );
  const byId = new Map(stored.map((written) => [written.id, written]));
  const written = rows.map(({ id }) => {
    const row = byId.get(id);
    if (!row) throw new Error('ceremony-log-write returned no row');
    return row;
  });
  await housekeepAfter(pending, written);
  return written.map(({ id, ui }, i) => {
    const { row, at } = pending[i] as PendingRow;
    return toEntry({ id, at, ui, entry: row.entry });
  });
}

/**
 * Housekeeping for each binding of a batch that is due it. The rows are written: a failed
 * housekeeping is left to the next one, never these writes' failure.
 */
async function housekeepAfter(pending: PendingRow[], written: { writes: number }[]): Promise<void> {
  const due = new Map<string, { rows: number; writes: number; chance: number }>();
  pending.forEach(({ row, chance }, i) => {
    const writes = written[i]?.writes ?? 0;
    const binding = due.get(row.bindingHash) ?? { rows: 0, writes, chance: 1 };
    due.set(row.bindingHash, { rows: binding.rows + 1, writes: Math.max(binding.writes, writes), chance: Math.min(binding.chance, chance) });
  });
  for (const [bindingHash, { rows, writes, chance }] of due) {
    if (!housekeepingDue(writes - rows, writes, chance)) continue;
    await logHousekeeping(bindingHash).catch((error: unknown) => {
      console.error(`ceremony log: housekeeping failed (${error instanceof Error ? error.message : String(error)})`);
    });
  }
}

/**
 * One statement, with an asynchronous commit: removes this binding's rows beyond its cap, and a
 * batch of rows past the retention and of stale trail links (other browsers' rows, locked
 * by nobody else's sweep). Named, unlike the writes' sweep turns (`lib/db/sweeps.ts`): planned
 * for each call, it cost more than it saved (in four benchmark runs, 0.61-0.94 ms of planning a
 * call on top of 1.38-2.27 ms of execution, against 1.41-1.69 ms on its cached plan).
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
