import 'server-only';
import { sql } from '@/lib/db/sql';
import type { CeremonyLogEntry, CeremonyUi } from './entry';
import { LOG_RETENTION_SECONDS, toEntry, TRAIL_BINDINGS } from './store';

/** The most entries the inspector is sent. */
export const LIST_LIMIT = 50;

/** What the walkthrough reads at most: every success and browser error of a day, with room to spare. */
const PROGRESS_LIMIT = 1000;

interface Row {
  id: string;
  at: Date;
  ui: CeremonyUi | null;
  entry: unknown;
}

/**
 * This browser's log: the entries of every binding on its trail (every site it joined), newest
 * first, at most LIST_LIMIT, none older than a day. Only the request's own binding hash selects
 * them, so a browser can never name another's.
 */
export async function trailEntries(bindingHash: string): Promise<CeremonyLogEntry[]> {
  const rows = await sql<Row>(
    'ceremony-log-list',
    `SELECT id, created_at AS at, ui, entry FROM ceremony_log
     WHERE binding_hash IN (${TRAIL_BINDINGS}) AND created_at > now() - make_interval(secs => ${LOG_RETENTION_SECONDS})
     ORDER BY created_at DESC, id DESC LIMIT ${LIST_LIMIT}`,
    [bindingHash],
  );
  return rows.map(toEntry);
}

/**
 * The entries that can complete a walkthrough step (successful verify calls and browser-side
 * errors) of this browser's trail in the last day, oldest first.
 */
export async function trailMilestones(bindingHash: string): Promise<CeremonyLogEntry[]> {
  const rows = await sql<Row>(
    'ceremony-log-milestones',
    `SELECT id, created_at AS at, ui, entry FROM ceremony_log
     WHERE binding_hash IN (${TRAIL_BINDINGS}) AND created_at > now() - make_interval(secs => ${LOG_RETENTION_SECONDS})
       AND ((step = 'verify' AND outcome = 'ok') OR step = 'browser')
     ORDER BY created_at, id LIMIT ${PROGRESS_LIMIT}`,
    [bindingHash],
  );
  return rows.map(toEntry);
}
