import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { expect, onTestFinished } from 'vitest';
import { migrate } from './migrate';
import { migrationChecksum } from './migration-checksum';
import { migrationsDir } from './paths';
import { test } from './test-database';

const committed = (await readdir(migrationsDir, { withFileTypes: true }))
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

test('applies every migration to an empty database and records it as Prisma does', async ({ freshDatabase }) => {
  expect(await migrate(freshDatabase.url)).toEqual({ applied: committed });

  const history = await query(
    freshDatabase.url,
    'SELECT migration_name, checksum, finished_at, logs, rolled_back_at, started_at, applied_steps_count ' +
      'FROM _prisma_migrations ORDER BY migration_name',
  );
  const expected = await Promise.all(
    committed.map(async (name) => ({
      migration_name: name,
      checksum: migrationChecksum(await readFile(path.join(migrationsDir, name, 'migration.sql'))),
      finished_at: expect.any(Date),
      logs: null,
      rolled_back_at: null,
      started_at: expect.any(Date),
      applied_steps_count: 1,
    })),
  );
  expect(history).toEqual(expected);
});

test('a second run applies nothing', async ({ freshDatabase }) => {
  await migrate(freshDatabase.url);
  expect(await migrate(freshDatabase.url)).toEqual({ applied: [] });
  expect(await query(freshDatabase.url, 'SELECT id FROM _prisma_migrations')).toHaveLength(committed.length);
});

test('two runs at once apply each migration once', async ({ freshDatabase }) => {
  const runs = await Promise.all([migrate(freshDatabase.url), migrate(freshDatabase.url)]);
  expect(runs.flatMap((run) => run.applied).sort()).toEqual(committed);
  expect(await query(freshDatabase.url, 'SELECT id FROM _prisma_migrations')).toHaveLength(committed.length);
});

test('refuses, naming it, a migration changed after it was applied', async ({ freshDatabase }) => {
  const dir = await copyOfCommittedMigrations();
  await migrate(freshDatabase.url, { migrationsDir: dir });
  const [first] = committed;
  if (!first) throw new Error('no committed migration');
  await writeFile(path.join(dir, first, 'migration.sql'), '-- edited\n', { flag: 'a' });

  await expect(migrate(freshDatabase.url, { migrationsDir: dir })).rejects.toMatchObject({
    name: 'MigrationError',
    migration: first,
    message: expect.stringContaining(`Migration ${first} was changed after it was applied`),
  });
});

test('accepts an applied migration whose line endings changed (git on Windows)', async ({ freshDatabase }) => {
  const dir = await copyOfCommittedMigrations();
  await migrate(freshDatabase.url, { migrationsDir: dir });
  for (const name of committed) {
    const file = path.join(dir, name, 'migration.sql');
    await writeFile(file, (await readFile(file, 'utf8')).replaceAll('\n', '\r\n'));
  }
  expect(await migrate(freshDatabase.url, { migrationsDir: dir })).toEqual({ applied: [] });
});

test('refuses to go on after an attempt Prisma recorded as failed', async ({ freshDatabase }) => {
  const dir = await migrationsFolder({ '0001_tables': 'CREATE TABLE a (id integer);' });
  await migrate(freshDatabase.url, { migrationsDir: dir });
  await query(
    freshDatabase.url,
    "INSERT INTO _prisma_migrations (id, checksum, migration_name, logs) VALUES ('x', 'y', '0002_half', 'boom')",
  );

  await expect(migrate(freshDatabase.url, { migrationsDir: dir })).rejects.toMatchObject({
    name: 'MigrationError',
    migration: '0002_half',
    message: expect.stringContaining('failed in an earlier attempt'),
  });
});

test('a failing migration leaves nothing behind, is reported, and runs once fixed', async ({ freshDatabase }) => {
  const dir = await migrationsFolder({
    '0001_good': 'CREATE TABLE a (id integer);',
    '0002_bad': 'CREATE TABLE b (id integer);\nSELECT * FROM no_such_table;',
  });

  await expect(migrate(freshDatabase.url, { migrationsDir: dir })).rejects.toMatchObject({
    name: 'MigrationError',
    migration: '0002_bad',
    message: expect.stringMatching(/0002_bad failed and was rolled back: .*no_such_table.* line 2/),
  });
  expect(await query(freshDatabase.url, "SELECT to_regclass('a') IS NOT NULL AS a, to_regclass('b') IS NOT NULL AS b"))
    .toEqual([{ a: true, b: false }]);
  expect(await query(freshDatabase.url, 'SELECT migration_name FROM _prisma_migrations')).toEqual([
    { migration_name: '0001_good' },
  ]);

  await writeFile(path.join(dir, '0002_bad', 'migration.sql'), 'CREATE TABLE b (id integer);');
  expect(await migrate(freshDatabase.url, { migrationsDir: dir })).toEqual({ applied: ['0002_bad'] });
});

test('names a migration directory that has no migration.sql', async ({ freshDatabase }) => {
  const dir = await migrationsFolder({});
  await mkdir(path.join(dir, '0001_empty'));
  await expect(migrate(freshDatabase.url, { migrationsDir: dir })).rejects.toMatchObject({
    name: 'MigrationError',
    migration: '0001_empty',
  });
});

async function query(url: string, sql: string): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Record<string, unknown>>(sql)).rows;
  } finally {
    await client.end();
  }
}

async function temporaryDirectory(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'atlas-migrations-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function migrationsFolder(migrations: Record<string, string>): Promise<string> {
  const dir = await temporaryDirectory();
  for (const [name, sql] of Object.entries(migrations)) {
    await mkdir(path.join(dir, name));
    await writeFile(path.join(dir, name, 'migration.sql'), sql);
  }
  return dir;
}

async function copyOfCommittedMigrations(): Promise<string> {
  const dir = await temporaryDirectory();
  await cp(migrationsDir, dir, { recursive: true });
  return dir;
}
