import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { describe, expect, it, onTestFinished } from 'vitest';
import { PrismaClient } from '@/lib/generated/prisma/client';
import { test } from '@/tools/db/test-database';
import { databaseUnavailable } from './database-unavailable';

/** A URL on which nothing listens: port 1 is reserved and never bound here. */
const NOTHING_LISTENS = 'postgresql://atlas:secret@127.0.0.1:1/atlas';

function poolFor(url: string, options: pg.PoolConfig = {}): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: 1, ...options });
  // As the app's pool does: a connection that dies while idle is dropped, not thrown.
  pool.on('error', () => undefined);
  onTestFinished(() => pool.end());
  return pool;
}

function prismaOn(pool: pg.Pool): PrismaClient {
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  onTestFinished(() => prisma.$disconnect());
  return prisma;
}

async function rejection(promise: PromiseLike<unknown>): Promise<unknown> {
  return Promise.resolve(promise).then(
    () => {
      throw new Error('expected the query to fail');
    },
    (error: unknown) => error,
  );
}

describe('databaseUnavailable, on what the drivers really throw', () => {
  it('a refused connection, from pg and through Prisma', async () => {
    const pool = poolFor(NOTHING_LISTENS);
    expect(databaseUnavailable(await rejection(pool.query('SELECT 1')))).toBe('not reachable');
    expect(databaseUnavailable(await rejection(prismaOn(pool).$queryRaw`SELECT 1`))).toBe('not reachable');
    expect(databaseUnavailable(await rejection(prismaOn(pool).user.count()))).toBe('not reachable');
  });

  test('a query whose connection the server ends (57P01, as in a shutdown), from pg and through Prisma', async ({ database }) => {
    const admin = poolFor(database.url);
    for (const through of ['pg', 'prisma'] as const) {
      const pool = poolFor(database.url);
      const { rows } = await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      const backend = rows[0]?.pid;
      // The pool holds one connection, so the sleep runs on the backend just named.
      const sleeping = through === 'pg' ? pool.query('SELECT pg_sleep(5)') : prismaOn(pool).$queryRaw`SELECT pg_sleep(5)`;
      const failed = rejection(sleeping);
      const state = async () => (await admin.query<{ state: string }>('SELECT state FROM pg_stat_activity WHERE pid = $1', [backend])).rows[0]?.state;
      await expect.poll(state).toBe('active');
      await admin.query('SELECT pg_terminate_backend($1)', [backend]);
      expect(databaseUnavailable(await failed), through).toBe('shutting down or starting up');
    }
  });

  test('a statement cut short by statement_timeout', async ({ database }) => {
    const pool = poolFor(database.url, { statement_timeout: 50 });
    expect(databaseUnavailable(await rejection(pool.query('SELECT pg_sleep(1)')))).toBe('no answer in time');
  });

  test('a query the server does not answer in time (query_timeout)', async ({ database }) => {
    const pool = poolFor(database.url, { query_timeout: 50 });
    expect(databaseUnavailable(await rejection(prismaOn(pool).$queryRaw`SELECT pg_sleep(1)`))).toBe('no answer in time');
  });

  test('but not a failing statement, which is a bug or a conflict, not an outage', async ({ database }) => {
    const pool = poolFor(database.url);
    expect(databaseUnavailable(await rejection(pool.query('SELEC 1')))).toBeUndefined();
    expect(databaseUnavailable(await rejection(prismaOn(pool).$queryRaw`SELECT 1/0`))).toBeUndefined();
    await pool.query('CREATE TEMP TABLE t (id int PRIMARY KEY); INSERT INTO t VALUES (1)');
    expect(databaseUnavailable(await rejection(pool.query('INSERT INTO t VALUES (1)')))).toBeUndefined();
  });
});

describe('databaseUnavailable, on the shapes it looks through', () => {
  it('any SQLSTATE of class 08 (connection exception)', () => {
    expect(databaseUnavailable({ code: '08006' })).toBe('connection lost');
    expect(databaseUnavailable({ code: '08P01' })).toBe('connection lost');
  });

  it("a pool's connect timeout, wrapping the socket's end in its cause", () => {
    const error = new Error('wrapped', { cause: new Error('Connection terminated unexpectedly') });
    expect(databaseUnavailable(error)).toBe('connection lost');
  });

  it('each attempt of an AggregateError (localhost on IPv4 and IPv6)', () => {
    const attempts = [Object.assign(new Error('connect ECONNREFUSED ::1:5432'), { code: 'ECONNREFUSED' })];
    expect(databaseUnavailable(new AggregateError(attempts))).toBe('not reachable');
  });

  it('ignores plain errors, non-errors and inherited names, and survives cycles', () => {
    const cyclic: { cause?: unknown } = {};
    cyclic.cause = cyclic;
    for (const error of [new Error('boom'), 'ECONNREFUSED', null, { code: 'constructor' }, { message: 'toString' }, cyclic]) {
      expect(databaseUnavailable(error)).toBeUndefined();
    }
  });
});
