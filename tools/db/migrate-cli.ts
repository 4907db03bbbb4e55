import { checkEnv } from '@/lib/env/check-env';
import { EnvError } from '@/lib/env/variables';
import { describeConnectionError, describeTarget } from '@/tools/db/connection-error';
import { EmbeddedPostgresError, resolveDatabase, type ResolvedDatabase } from '@/tools/db/embedded';
import { MigrationError, migrate } from '@/tools/db/migrate';

// `npm run db:migrate`: applies prisma/migrations to DATABASE_URL_UNPOOLED or DATABASE_URL, or,
// off Vercel, to the embedded dev database when neither is set.
async function main(): Promise<void> {
  const env = checkEnv(process.env, 'migrate');
  // The migration lock is a session-level advisory lock, which a transaction-mode pooler (Neon's
  // -pooler host, PgBouncer) would take on one server connection and release on another.
  const database: ResolvedDatabase = env.DATABASE_URL_UNPOOLED
    ? { url: env.DATABASE_URL_UNPOOLED, embedded: false, stop: async () => {} }
    : await resolveDatabase({ purpose: 'dev' });
  const where = database.embedded ? 'embedded PostgreSQL' : env.DATABASE_URL_UNPOOLED ? 'DATABASE_URL_UNPOOLED' : 'DATABASE_URL';
  try {
    console.log(`Migrating ${describeTarget(database.url)} (${where})`);
    const { applied } = await migrate(database.url);
    if (applied.length === 0) console.log('Database up to date');
    for (const name of applied) console.log(`Applied ${name}`);
  } catch (error) {
    const connection = describeConnectionError(error, database.url);
    if (connection && !database.embedded) {
      throw new ExpectedFailure(`${connection} Check ${where}, or unset it to use the embedded server.`);
    }
    throw connection ? new ExpectedFailure(connection) : error;
  } finally {
    await database.stop();
  }
}

/** A failure whose message says everything; printed without a stack trace. */
class ExpectedFailure extends Error {}

main().catch((error: unknown) => {
  if (
    error instanceof ExpectedFailure ||
    error instanceof EnvError ||
    error instanceof MigrationError ||
    error instanceof EmbeddedPostgresError
  ) {
    console.error(`db:migrate: ${error.message}`);
  } else {
    console.error(error);
  }
  process.exitCode = 1;
});
