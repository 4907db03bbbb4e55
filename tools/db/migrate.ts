import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { checksumMatches, migrationChecksum } from './migration-checksum';
import { migrationsDir as defaultMigrationsDir } from './paths';

// The advisory lock Prisma's schema engine takes around every migrate command, so this runner
// and a real `prisma migrate deploy` never interleave either.
const PRISMA_MIGRATE_LOCK = 72707369;

// Verbatim from Prisma's schema engine (postgres connector), so `prisma migrate` accepts the
// history this runner writes.
const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
);`;

/** A migration that cannot be applied, or a history that must be repaired first. */
export class MigrationError extends Error {
  override name = 'MigrationError';
  constructor(
    message: string,
    /** The directory name of the migration at fault, e.g. `20261121194059_init`. */
    readonly migration: string,
  ) {
    super(message);
  }
}

export interface MigrateOptions {
  /** Directory holding `<timestamp>_<name>/migration.sql`. Default: `prisma/migrations`. */
  migrationsDir?: string;
}

interface LocalMigration {
  name: string;
  script: Buffer;
}

interface HistoryRow {
  id: string;
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  started_at: Date;
}

/**
 * Applies pending `prisma/migrations/<name>/migration.sql` in name order, keeping
 * `_prisma_migrations` exactly as `prisma migrate deploy` does, without Prisma's schema engine
 * (which cannot be downloaded everywhere).
 *
 * Refuses, before applying anything, when an applied migration's file has changed or an earlier
 * attempt failed. Each migration runs in one transaction together with its history row, so a
 * failing one leaves nothing behind (not even the failed row Prisma would record) and can simply
 * be fixed and re-run. Migrations must therefore be transaction-safe (no `CREATE INDEX
 * CONCURRENTLY`).
 */
export async function migrate(
  url: string,
  options: MigrateOptions = {},
): Promise<{ applied: string[] }> {
  const local = await readMigrations(options.migrationsDir ?? defaultMigrationsDir);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // Session-level: held until the connection closes, even if something below throws.
    await client.query(`SELECT pg_advisory_lock(${PRISMA_MIGRATE_LOCK})`);
    await client.query(CREATE_MIGRATIONS_TABLE);
    const history = (
      await client.query<HistoryRow>(
        'SELECT id, migration_name, checksum, finished_at, rolled_back_at, started_at ' +
          'FROM _prisma_migrations ORDER BY started_at',
      )
    ).rows;
    const done = checkHistory(local, history);

    const applied: string[] = [];
    for (const migration of local) {
      if (done.has(migration.name)) continue;
      await applyMigration(client, migration);
      applied.push(migration.name);
    }
    return { applied };
  } finally {
    await client.end();
  }
}

async function readMigrations(dir: string): Promise<LocalMigration[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch((error: unknown) => {
    throw new Error(`Cannot read migrations directory ${dir}: ${(error as Error).message}`);
  });
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const file = path.join(dir, name, 'migration.sql');
      const script = await fs.readFile(file).catch(() => {
        throw new MigrationError(`Migration ${name} has no migration.sql (${file}).`, name);
      });
      return { name, script };
    }),
  );
}

/** Returns the names already applied; throws when the history needs a human first. */
function checkHistory(local: LocalMigration[], history: HistoryRow[]): Set<string> {
  const failed = history.find((row) => row.finished_at === null && row.rolled_back_at === null);
  if (failed) {
    throw new MigrationError(
      `Migration ${failed.migration_name} failed in an earlier attempt (started ` +
        `${failed.started_at.toISOString()}) and may be partly applied. Repair the database, then ` +
        `mark it rolled back (prisma migrate resolve --rolled-back ${failed.migration_name}, or ` +
        `UPDATE _prisma_migrations SET rolled_back_at = now() WHERE id = '${failed.id}').`,
      failed.migration_name,
    );
  }

  const done = new Set<string>();
  const scripts = new Map(local.map((migration) => [migration.name, migration.script]));
  for (const row of history) {
    if (row.rolled_back_at !== null) continue;
    done.add(row.migration_name);
    // Applied migrations missing locally (e.g. from another branch) are left alone, as Prisma does.
    const script = scripts.get(row.migration_name);
    if (script && !checksumMatches(script, row.checksum)) {
      throw new MigrationError(
        `Migration ${row.migration_name} was changed after it was applied (checksum ` +
          `${row.checksum.slice(0, 12)}… recorded, ${migrationChecksum(script).slice(0, 12)}… ` +
          `on disk). Restore its migration.sql and put the change in a new migration.`,
        row.migration_name,
      );
    }
  }
  return done;
}

async function applyMigration(client: pg.Client, migration: LocalMigration): Promise<void> {
  const sql = migration.script.toString('utf8');
  await client.query('BEGIN');
  try {
    // Without parameters pg uses the simple query protocol, which runs a multi-statement script.
    await client.query(sql);
    // started_at is the transaction start (now()); finished_at the real end.
    await client.query(
      'INSERT INTO _prisma_migrations ' +
        '(id, checksum, migration_name, started_at, finished_at, applied_steps_count) ' +
        'VALUES ($1, $2, $3, now(), clock_timestamp(), 1)',
      [randomUUID(), migrationChecksum(migration.script), migration.name],
    );
    await client.query('COMMIT');
  } catch (error) {
    // If the connection is gone the rollback fails too; the original error is the one to report.
    await client.query('ROLLBACK').catch(() => undefined);
    throw new MigrationError(
      `Migration ${migration.name} failed and was rolled back: ${describeSqlError(error, sql)}`,
      migration.name,
    );
  }
}

/** The PostgreSQL message, with the line of the script it points at when it points at one. */
function describeSqlError(error: unknown, sql: string): string {
  if (!(error instanceof Error)) return String(error);
  const position = Number((error as { position?: string }).position);
  if (!Number.isInteger(position) || position <= 0) return error.message;
  const line = sql.slice(0, position - 1).split('\n').length;
  return `${error.message} (migration.sql line ${line})`;
}
