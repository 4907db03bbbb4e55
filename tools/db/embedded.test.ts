import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { expect, onTestFinished } from 'vitest';
import { startEmbeddedPostgres } from './embedded';
import { dataDir } from './paths';
import { test } from './test-database';

// Each of these runs initdb and starts a server of its own, which takes seconds on a busy machine.
const CLUSTER_TEST = { timeout: 60_000 };

test.skipIf(process.env.DATABASE_URL)(
  'connects to the server already running on the data directory, and leaves it running',
  async ({ serverUrl }) => {
    const again = await startEmbeddedPostgres({ dataDir: dataDir('postgres-test'), port: 1 });
    expect(again.url).toBe(serverUrl);
    await again.stop();
    expect(await currentDatabase(serverUrl)).toBe('atlas');
  },
);

test('starts over a stale postmaster.pid left by a server that died', CLUSTER_TEST, async () => {
  const dir = await clusterDirectory();
  const port = await freePort();
  await (await startEmbeddedPostgres({ dataDir: dir, port })).stop();
  const pid = await deadPid();
  await writeFile(path.join(dir, 'postmaster.pid'), `${pid}\n${dir}\n0\n${port}\n\n127.0.0.1\n0\nready   \n`);

  const server = await startEmbeddedPostgres({ dataDir: dir, port, database: 'second_life' });
  onTestFinished(() => server.stop());
  expect(await currentDatabase(server.url)).toBe('second_life');
});

test('two first starts at once share one initialised server', CLUSTER_TEST, async () => {
  const dir = await clusterDirectory();
  const port = await freePort();
  const starts = await Promise.allSettled([
    startEmbeddedPostgres({ dataDir: dir, port }),
    startEmbeddedPostgres({ dataDir: dir, port }),
  ]);
  const servers = starts.flatMap((start) => (start.status === 'fulfilled' ? [start.value] : []));
  onTestFinished(() => Promise.all(servers.map((server) => server.stop())).then(() => undefined));

  expect(starts.map((start) => start.status)).toEqual(['fulfilled', 'fulfilled']);
  expect(servers[0]?.url).toBe(servers[1]?.url);
  expect(await currentDatabase(servers[0]?.url ?? '')).toBe('atlas');
});

test('says why when the server cannot start', CLUSTER_TEST, async () => {
  const dir = await clusterDirectory();
  const blocker = net.createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  onTestFinished(() => new Promise<void>((resolve) => blocker.close(() => resolve())));
  const port = portOf(blocker);

  await expect(startEmbeddedPostgres({ dataDir: dir, port })).rejects.toMatchObject({
    name: 'EmbeddedPostgresError',
    message: expect.stringMatching(new RegExp(`did not start on port ${port}[^]*Address already in use`)),
  });
});

async function clusterDirectory(): Promise<string> {
  // Under .data, not the system temp directory: as root the server runs as the `postgres` user,
  // which cannot enter a private mkdtemp directory.
  const dir = dataDir(`test-cluster-${randomBytes(4).toString('hex')}`);
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = portOf(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function portOf(server: net.Server): number {
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('not listening on TCP');
  return address.port;
}

/** The pid of a process that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await once(child, 'exit');
  if (child.pid === undefined) throw new Error('no pid');
  return child.pid;
}

async function currentDatabase(url: string): Promise<unknown> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ name: string }>('SELECT current_database() AS name')).rows[0]?.name;
  } finally {
    await client.end();
  }
}
