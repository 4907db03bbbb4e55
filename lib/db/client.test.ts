import { afterEach, expect, vi } from 'vitest';
import { migrate } from '@/tools/db/migrate';
import { test } from '@/tools/db/test-database';

afterEach(() => {
  vi.unstubAllEnvs();
});

test('importing needs no DATABASE_URL; the first use says it is missing', async () => {
  vi.stubEnv('DATABASE_URL', undefined);
  const { db } = await import('./client');
  expect(() => db.user).toThrow(/DATABASE_URL is not set/);
});

test('queries the database in DATABASE_URL through one client per process', async ({ database }) => {
  await migrate(database.url);
  vi.stubEnv('DATABASE_URL', database.url);
  const { db, getDb } = await import('./client');

  expect(await db.user.count()).toBe(0);
  // Next's dev server re-evaluates modules on edits; the client must survive that.
  vi.resetModules();
  const reloaded = await import('./client');
  expect(reloaded.getDb()).toBe(getDb());
  await reloaded.closeDb();
});
