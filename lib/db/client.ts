import 'server-only';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { env } from '@/lib/env/env';
import { PrismaClient } from '@/lib/generated/prisma/client';

interface Database {
  pool: pg.Pool;
  prisma: PrismaClient;
}

const globalForDb = globalThis as typeof globalThis & { __atlasDb?: Database };

/**
 * pg waits forever by default, for a connection and for an answer, so a stopped or hung database
 * would hold every request open. These bound both, so that jsonRoute answers 503 within about 2 s:
 * a connection (a new one, or a free one from the pool) within 1 s, an answer within 1.5 s; the
 * statements of a request take milliseconds, so only a database in trouble reaches either. A
 * query that times out discards its connection (pg-pool drops a client released with an error).
 * Not statement_timeout: it is sent as a startup parameter, which PgBouncer-style poolers refuse
 * unless told to ignore it, and it cannot fire on a server that has stopped answering anyway.
 */
const TIMEOUTS = { connectionTimeoutMillis: 1_000, query_timeout: 1_500 } as const satisfies pg.PoolConfig;

/** No DATABASE_URL: a deployment's mistake, which the health endpoint may name. */
export class DatabaseNotConfiguredError extends Error {
  override name = 'DatabaseNotConfiguredError';
}

function createDatabase(): Database {
  const connectionString = env.DATABASE_URL;
  if (!connectionString) {
    throw new DatabaseNotConfiguredError(
      'DATABASE_URL is not set: point it at PostgreSQL (npm run dev starts an embedded one and sets it).',
    );
  }
  // Connections per instance (DATABASE_POOL_SIZE, default 10). A sign-in holds a connection for
  // two short statements, so a few keep a 2-core server busy; more only queue inside Postgres.
  // Serverless deployments multiply this by their instance count, so keep it small there.
  const pool = new pg.Pool({ connectionString, max: env.DATABASE_POOL_SIZE, ...TIMEOUTS });
  // An idle connection dropped by the server (a restart, a proxy timeout) must not crash the
  // process; the pool has already discarded it, and the next query opens a new one.
  pool.on('error', (error) => console.error('database pool: idle connection lost:', error.message));
  return { pool, prisma: new PrismaClient({ adapter: new PrismaPg(pool) }) };
}

/**
 * The process's one pool and Prisma client on it, created on first use. Cached on globalThis
 * because Next's dev server re-evaluates modules on every edit and each copy would open its own.
 */
function database(): Database {
  globalForDb.__atlasDb ??= createDatabase();
  return globalForDb.__atlasDb;
}

export function getDb(): PrismaClient {
  return database().prisma;
}

/**
 * The pool under Prisma, for the few statements on the sign-in path that are written as SQL
 * (lib/webauthn/*-store.ts): one round trip each, where Prisma would take several.
 */
export function getPool(): pg.Pool {
  return database().pool;
}

/**
 * `getDb()` behind a property lookup, so importing this module (as `next build` does while
 * collecting pages) needs no DATABASE_URL; the first query does.
 */
export const db: PrismaClient = new Proxy(Object.create(null) as PrismaClient, {
  get(_target, property) {
    const client = getDb();
    const value: unknown = Reflect.get(client, property, client);
    return typeof value === 'function' ? value.bind(client) : value;
  },
});

/** Closes Prisma and the pool under it (tests, scripts). */
export async function closeDb(): Promise<void> {
  const current = globalForDb.__atlasDb;
  if (!current) return;
  globalForDb.__atlasDb = undefined;
  await current.prisma.$disconnect();
  await current.pool.end();
}
