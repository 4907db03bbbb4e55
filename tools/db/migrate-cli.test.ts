import { expect } from 'vitest';
import { cleanRun } from '@/tools/testing/clean-run';
import { test } from './test-database';

// `npm run db:migrate` as a deployment runs it: nothing in the environment but the database.

test('migrates the database in DATABASE_URL with nothing else set, then finds it up to date', async ({ freshDatabase }) => {
  const first = await cleanRun('tools/db/migrate-cli.ts', [], { env: { DATABASE_URL: freshDatabase.url } });
  expect(first.stderr).toBe('');
  expect(first.code).toBe(0);
  expect(first.stdout).toContain('(DATABASE_URL)');
  expect(first.stdout).toMatch(/Applied \d{14}_\w+/);

  const second = await cleanRun('tools/db/migrate-cli.ts', [], { env: { DATABASE_URL: freshDatabase.url } });
  expect(second.code).toBe(0);
  expect(second.stdout).toContain('Database up to date');
});

test('prefers DATABASE_URL_UNPOOLED, the direct connection a pooler cannot stand in for', async ({ freshDatabase }) => {
  const run = await cleanRun('tools/db/migrate-cli.ts', [], {
    env: { DATABASE_URL: 'postgresql://nobody:nothing@127.0.0.1:1/pooled', DATABASE_URL_UNPOOLED: freshDatabase.url },
  });
  expect(run.code).toBe(0);
  expect(run.stdout).toContain('(DATABASE_URL_UNPOOLED)');
});

test('on Vercel without DATABASE_URL it stops, instead of starting an embedded database', async () => {
  const run = await cleanRun('tools/db/migrate-cli.ts', [], { env: { VERCEL: '1' } });
  expect(run.code).toBe(1);
  expect(run.stderr).toContain('db:migrate: The environment is not ready for npm run db:migrate on Vercel');
  expect(run.stderr).toContain('DATABASE_URL is not set (no embedded database can run on Vercel)');
  expect(run.stdout).not.toContain('Migrating');
});
