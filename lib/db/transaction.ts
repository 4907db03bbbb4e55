import 'server-only';
import type pg from 'pg';
import { getPool } from './client';

/**
 * Runs `work` in one transaction on one connection of the pool: committed when it returns,
 * rolled back when it throws (a refusal included), so what it writes happens all or not at all.
 */
export async function transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await getPool().connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    client.release();
    return result;
  } catch (error) {
    // A connection that cannot even roll back is broken: the pool discards it instead of lending it again.
    const rolledBack = await client.query('ROLLBACK').then(
      () => true,
      () => false,
    );
    client.release(!rolledBack);
    throw error;
  }
}
