import 'server-only';
import { SWEEP_BATCH } from '@/lib/db/sweeps';

/** What account_events records: changes that leave no row of their own to show (a deleted passkey). */
export type AccountEventKind = 'passkey-added' | 'passkey-deleted';

/** Account events are kept this long, as failed sign-in attempts are: the security notices look back as far. */
export const ACCOUNT_EVENT_RETENTION_SECONDS = 30 * 24 * 60 * 60;

/**
 * A CTE that deletes a batch of account events older than the retention period. The statements
 * that record events carry it on a sweep turn (`lib/db/sweeps.ts`), so the table shrinks as it
 * grows, without a cron (index on at).
 */
export const SWEEP_ACCOUNT_EVENTS = `swept_events AS (
  DELETE FROM account_events WHERE id IN (
    SELECT id FROM account_events WHERE at < now() - make_interval(secs => ${ACCOUNT_EVENT_RETENTION_SECONDS})
    ORDER BY at LIMIT ${SWEEP_BATCH} FOR UPDATE SKIP LOCKED))`;
