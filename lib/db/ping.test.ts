import { PrismaPg } from '@prisma/adapter-pg';
import { afterEach, expect, onTestFinished, vi } from 'vitest';
import { PrismaClient } from '@/lib/generated/prisma/client';
import { pingDatabase, type Pingable } from './ping';
import { test } from '@/tools/db/test-database';

afterEach(() => {
  vi.unstubAllEnvs();
});

function clientFor(url: string): PrismaClient {
  const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
  onTestFinished(() => client.$disconnect());
  return client;
}

test('ok when the database answers', async ({ database }) => {
  expect(await pingDatabase({ client: clientFor(database.url) })).toEqual({ ok: true });
});

test('not ok, without host or port in the reason, when nothing listens', async () => {
  const client = clientFor('postgresql://atlas:secret@127.0.0.1:1/atlas');
  expect(await pingDatabase({ client })).toEqual({ ok: false, reason: 'not reachable' });
});

test("not ok, without the driver's text, when the database fails in an unexpected way", async () => {
  const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  onTestFinished(() => log.mockRestore());
  const failing: Pingable = { $queryRaw: () => Promise.reject(new Error('password authentication failed for user "atlas"')) };
  expect(await pingDatabase({ client: failing })).toEqual({ ok: false, reason: 'unexpected error (see the server log)' });
  expect(log).toHaveBeenCalledOnce();
});

test('not ok when the database does not answer in time', async () => {
  const silent: Pingable = { $queryRaw: () => new Promise<never>(() => {}) };
  expect(await pingDatabase({ client: silent, timeoutMs: 20 })).toEqual({
    ok: false,
    reason: 'no answer within 20 ms',
  });
});

test('not ok, naming the variable, when DATABASE_URL is unset', async () => {
  vi.stubEnv('DATABASE_URL', undefined);
  expect(await pingDatabase()).toEqual({ ok: false, reason: expect.stringContaining('DATABASE_URL is not set') });
});
