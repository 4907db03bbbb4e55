import { describeConnectionError, describeTarget } from '@/tools/db/connection-error';
import { EmbeddedPostgresError, resolveDatabase } from '@/tools/db/embedded';
import { MigrationError, migrate } from '@/tools/db/migrate';

// `npm run db:migrate`: applies prisma/migrations to DATABASE_URL, or to the embedded dev
// database when it is unset.
async function main(): Promise<void> {
  const database = await resolveDatabase({ purpose: 'dev' });
  try {
    const where = database.embedded ? 'embedded PostgreSQL' : 'DATABASE_URL';
    console.log(`Migrating ${describeTarget(database.url)} (${where})`);
    const { applied } = await migrate(database.url);
    if (applied.length === 0) console.log('Database up to date');
    for (const name of applied) console.log(`Applied ${name}`);
  } catch (error) {
    const connection = describeConnectionError(error, database.url);
    if (connection && !database.embedded) {
      throw new ExpectedFailure(`${connection} Check DATABASE_URL, or unset it to use the embedded server.`);
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
    error instanceof MigrationError ||
    error instanceof EmbeddedPostgresError
  ) {
    console.error(`db:migrate: ${error.message}`);
  } else {
    console.error(error);
  }
  process.exitCode = 1;
});
