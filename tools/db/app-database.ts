import { closeDb } from '@/lib/db/client';
import { migrate } from './migrate';
import { test } from './test-database';

/**
 * `test` for code that uses the app's own database client: the file's database is migrated and
 * DATABASE_URL points at it before the first test; the client is closed before the database is
 * dropped, so the drop finds no open connections.
 */
export const appDatabaseTest = test.extend('migrated', { scope: 'file', auto: true }, async ({ database }, { onCleanup }) => {
  await migrate(database.url);
  process.env.DATABASE_URL = database.url;
  onCleanup(() => closeDb());
  return database.url;
});
