import net from 'node:net';
import { afterEach, expect, onTestFinished, vi } from 'vitest';
import { migrate } from '@/tools/db/migrate';
import { test } from '@/tools/db/test-database';
import { databaseUnavailable } from './database-unavailable';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

test('importing needs no DATABASE_URL; the first use says it is missing', async () => {
  vi.stubEnv('DATABASE_URL', undefined);
  const { db } = await import('./client');
  expect(() => db.user).toThrow(/DATABASE_URL is not set/);
});

test('queries the database in DATABASE_URL through one client per process', async ({ database }) => {
  await migrate(database.url);
  vi.stubEnv('DATABASE_URL', database.url);
  const { db, getDb } = await import('./client');

  expect(await db.user.count()).toBe(0);
  // Next's dev server re-evaluates modules on edits; the client must survive that.
  vi.resetModules();
  const reloaded = await import('./client');
  expect(reloaded.getDb()).toBe(getDb());
  await reloaded.closeDb();
});

/**
 * A TCP forwarder to `target` that can stop answering, as a hung server or a dropped network
 * does: once frozen it passes nothing on and accepts connections without ever replying.
 */
async function freezableProxy(target: URL): Promise<{ url: string; freeze(frozen: boolean): void }> {
  let frozen = false;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    sockets.add(client);
    client.on('error', () => undefined);
    if (frozen) return;
    const upstream = net.connect(Number(target.port), target.hostname);
    sockets.add(upstream);
    upstream.on('error', () => client.destroy());
    client.on('data', (chunk) => frozen || upstream.write(chunk));
    upstream.on('data', (chunk) => frozen || client.write(chunk));
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  );
  const url = new URL(target);
  url.host = `127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  return { url: url.toString(), freeze: (value) => (frozen = value) };
}

test('a database that stops answering fails every query within 2 s, and is used again once it answers', async ({ database }) => {
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  const proxy = await freezableProxy(new URL(database.url));
  vi.stubEnv('DATABASE_URL', proxy.url);
  vi.stubEnv('DATABASE_POOL_SIZE', '2');
  const { closeDb, getPool } = await import('./client');
  onTestFinished(() => closeDb());
  await getPool().query('SELECT 1');

  proxy.freeze(true);
  const started = Date.now();
  // One on the open connection (no answer), one on a new one (no handshake), two waiting for a free one.
  const failures = await Promise.all([1, 2, 3, 4].map(() => getPool().query('SELECT 1').then(() => undefined, (error: unknown) => error)));
  expect(Date.now() - started).toBeLessThan(2_000);
  expect(failures.map(databaseUnavailable)).toEqual(Array(4).fill('no answer in time'));

  proxy.freeze(false);
  expect((await getPool().query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
});
