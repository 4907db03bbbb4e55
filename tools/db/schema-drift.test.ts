import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'vitest';
import { describeDatabase } from './describe-database';
import { expectedSchema } from './expected-schema';
import { migrate } from './migrate';
import { projectRoot } from './paths';
import { test } from './test-database';

// schema.prisma is the source of truth, read through Prisma's own parser; the database is what
// the committed migrations build. Any difference is a change to schema.prisma without a migration
// (or the reverse), which `prisma migrate dev` would report as drift.
const schemaText = await readFile(path.join(projectRoot, 'prisma', 'schema.prisma'), 'utf8');

test('the migrations build exactly the database schema.prisma describes', async ({ database }) => {
  await migrate(database.url);
  const actual = await describeDatabase(database.url);
  const expected = expectedSchema(schemaText);

  // Compared piece by piece so that a failure names the table (soft: report every difference).
  expect.soft(Object.keys(actual.tables).sort(), 'tables').toEqual(Object.keys(expected.tables).sort());
  expect.soft(actual.enums, 'enums').toEqual(expected.enums);
  for (const [name, table] of Object.entries(expected.tables)) {
    expect.soft(actual.tables[name], `table ${name}: schema.prisma changed without a migration?`).toEqual(table);
  }
});

test('a column added to schema.prisma without a migration counts as drift', async ({ database }) => {
  await migrate(database.url);
  const edited = schemaText.replace(/^model \w+ \{$/m, (line) => `${line}\n  driftProbe String?`);
  const expected = expectedSchema(edited);
  expect(Object.values(expected.tables).some((table) => 'driftProbe' in table.columns)).toBe(true);
  expect(await describeDatabase(database.url)).not.toEqual(expected);
});
