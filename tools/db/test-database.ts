import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { test as base, inject } from 'vitest';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** The test server that test-global-setup.ts started (or DATABASE_URL). */
function testServerUrl(): string {
  const url = inject('testServerUrl');
  if (!url) {
    throw new Error('No test server: vitest.config.ts must list tools/db/test-global-setup.ts in globalSetup.');
  }
  return url;
}

/** Creates an empty database `t_<random>` on the test server, so tests never see each other's tables. */
async function createTestDatabase(serverUrl: string): Promise<TestDatabase> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  await withClient(serverUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      // FORCE: a test that failed halfway may have left a connection open.
      await withClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/**
 * `test` with two empty databases on demand: `database`, one per test file, and
 * `freshDatabase`, one per test. Both are dropped when their scope ends.
 */
export const test = base
  .extend('serverUrl', { scope: 'worker' }, () => testServerUrl())
  .extend('database', { scope: 'file' }, async ({ serverUrl }, { onCleanup }) => {
    const database = await createTestDatabase(serverUrl);
    onCleanup(() => database.drop());
    return database;
  })
  .extend('freshDatabase', async ({ serverUrl }, { onCleanup }) => {
    const database = await createTestDatabase(serverUrl);
    onCleanup(() => database.drop());
    return database;
  });

async function withClient(url: string, run: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await run(client);
  } finally {
    await client.end();
  }
}
