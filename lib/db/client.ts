import 'server-only';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@/lib/generated/prisma/client';

const globalForDb = globalThis as typeof globalThis & { __atlasPrisma?: PrismaClient };

function createClient(): PrismaClient {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) {
    throw new Error(
      'DATABASE_URL is not set: point it at PostgreSQL (npm run dev starts an embedded one and sets it).',
    );
  }
  // pg waits forever for a connection by default; a dead database should fail a request instead.
  return new PrismaClient({ adapter: new PrismaPg({ connectionString, connectionTimeoutMillis: 5_000 }) });
}

/**
 * The process's one Prisma client, created on first use. Cached on globalThis because Next's dev
 * server re-evaluates modules on every edit and each copy would open its own pool.
 */
export function getDb(): PrismaClient {
  globalForDb.__atlasPrisma ??= createClient();
  return globalForDb.__atlasPrisma;
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
