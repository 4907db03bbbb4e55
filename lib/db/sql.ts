import 'server-only';
import type pg from 'pg';
import type { QueryResultRow } from 'pg';
import { getPool } from './client';

/** Where a statement runs: the pool (a connection of its own), or a transaction's connection. */
export type Queryable = pg.Pool | pg.PoolClient;

/**
 * One SQL statement as a named prepared statement: each connection parses it once, then only
 * binds values (Postgres still plans it again per call while it judges a custom plan better, so
 * the statements on hot paths keep their planning cheap). Used for the few statements on the sign-in path, where a round trip
 * saved is most of the cost (see README, Benchmark), and inside transactions (`on`). Without a
 * name it is parsed and planned for this call alone (a write carrying its sweeps, `sweeps.ts`).
 */
export async function sql<Row extends QueryResultRow>(name: string | undefined, text: string, values: unknown[], on: Queryable = getPool()): Promise<Row[]> {
  const result = await on.query<Row>({ name, text, values });
  return result.rows;
}

/**
 * A CTE that makes the statement's own transaction commit without waiting for its WAL flush.
 * For rows that may be lost in a crash without harm (a pending challenge, a failed attempt); a
 * later durable commit flushes them anyway, since the WAL is written in order. Reference it in
 * the statement (`FROM async_commit` or `USING async_commit`), or Postgres skips it.
 */
export const ASYNC_COMMIT = `async_commit AS (SELECT set_config('synchronous_commit', 'off', true))`;

/** The Postgres error for a violated unique constraint, with the constraint's name. */
export function uniqueViolation(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, constraint } = error as { code?: unknown; constraint?: unknown };
  return code === '23505' && typeof constraint === 'string' ? constraint : undefined;
}
