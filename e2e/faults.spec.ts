import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { test as base, expect } from '@playwright/test';
import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedPostgresServer } from '@/tools/db/embedded';
import { migrate } from '@/tools/db/migrate';
import { dataDir, projectRoot } from '@/tools/db/paths';
import { freePort } from '@/tools/instances/free-port';
import { startNextServer } from '@/tools/instances/next-server';
import { CeremonyClient, CeremonyError, type JsonResponse } from '@/tools/webauthn/ceremony-client';
import { en } from '@/lib/i18n/en';
import { uniqueUsername } from './account-fixtures';

/** Where the security report (tools/security-report.ts) reads this test's figures. */
const FIGURES_FILE = path.join(projectRoot, 'test-results', 'security', 'faults.json');

/** The promise of issue 7: during an outage every request is answered, with a 503, within this. */
const ANSWER_WITHIN_MS = 2_000;
/** Past this a request counts as hung; the load stops waiting for it. */
const HUNG_AFTER_MS = 10_000;
const ACCOUNTS = 6;
/** Requests the load sends to the stopped database before it is started again. */
const OUTAGE_REQUESTS = 1_000;
const SITE = 'example.com';

/**
 * How the server goes away: `fast shutdown` is what stopping it does (SIGINT: sessions are ended,
 * a checkpoint is written); `crash` is an immediate shutdown (SIGQUIT: every process quits at
 * once, no checkpoint), after which the next start replays the WAL, as after a power cut.
 */
type StopKind = 'fast shutdown' | 'crash';

interface Stack {
  /** The production build's own `next start`, on localhost. */
  appPort: number;
  databaseUrl: string;
  /** The database port, which must not appear in anything a client is shown. */
  databasePort: number;
  stopDatabase(kind: StopKind): Promise<void>;
  startDatabase(): Promise<void>;
}

/**
 * A production instance on a PostgreSQL of its own (a new cluster under .data, removed after),
 * so the test can stop and start that server without touching the suite's database or server.
 */
const test = base.extend<{ stack: Stack }>({
  stack: [
    async ({}, use, testInfo) => {
      const dir = dataDir(`faults-${randomBytes(4).toString('hex')}`);
      const databasePort = await freePort();
      let database: EmbeddedPostgresServer | undefined = await startEmbeddedPostgres({ dataDir: dir, port: databasePort });
      const databaseUrl = database.url;
      await migrate(databaseUrl);
      const app = await startNextServer({
        appDir: projectRoot,
        port: await freePort(),
        env: { DATABASE_URL: databaseUrl, AUTH_SECRET: randomBytes(32).toString('base64url'), RATE_LIMIT_FACTOR: '1000' },
        logFile: path.join(testInfo.outputDir, 'faults-app.log'),
      });
      await use({
        appPort: app.port,
        databaseUrl,
        databasePort,
        async stopDatabase(kind) {
          if (kind === 'fast shutdown') await database?.stop();
          else await crash(dir);
          database = undefined;
        },
        async startDatabase() {
          database = await startEmbeddedPostgres({ dataDir: dir, port: databasePort });
        },
      });
      await app.stop();
      await database?.stop();
      await rm(dir, { recursive: true, force: true });
    },
    // initdb and a cold `next start` on a busy 2-core machine.
    { timeout: 240_000 },
  ],
});

/** Quits the server on `dir` the way a crash would, and waits until its postmaster has gone. */
async function crash(dir: string): Promise<void> {
  const pid = Number((await readFile(path.join(dir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
  process.kill(pid, 'SIGQUIT');
  await expect.poll(() => isRunning(pid), { timeout: 30_000 }).toBe(false);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, but another user's (the `postgres` user's, when run as root).
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** One request of the load: when it started and ended (ms, performance clock) and how it was answered. */
interface Sample {
  path: string;
  start: number;
  end: number;
  /** The HTTP status; 'dropped' for a connection error, 'hung' past HUNG_AFTER_MS. */
  outcome: number | 'dropped' | 'hung';
  code?: string;
  retryAfter?: string;
}

const OPTIONS = '/api/webauthn/authentication/options';
const VERIFY = '/api/webauthn/authentication/verify';

async function timedPost(client: CeremonyClient, requestPath: string, body: unknown): Promise<{ sample: Sample; response?: JsonResponse }> {
  const start = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<'hung'>((resolve) => (timer = setTimeout(() => resolve('hung'), HUNG_AFTER_MS)));
  const answered = client.post(requestPath, body).then(
    (response) => response,
    (error: unknown) => (error instanceof CeremonyError ? error.response : ('dropped' as const)),
  );
  const result = await Promise.race([answered, hung]);
  clearTimeout(timer);
  const end = performance.now();
  if (typeof result === 'string') return { sample: { path: requestPath, start, end, outcome: result } };
  const error = (result.body as { error?: { code?: string } } | undefined)?.error;
  const retryAfter = result.headers['retry-after'];
  return {
    sample: { path: requestPath, start, end, outcome: result.status, code: error?.code, retryAfter: typeof retryAfter === 'string' ? retryAfter : undefined },
    response: result,
  };
}

/**
 * Closed-loop sign-ins, one simulated browser per account, each starting its next sign-in as soon
 * as the last one is answered, until stopped. Every request is recorded; a sign-in counts as
 * acknowledged when its verify answered 200, which the server sends only after the commit.
 */
function signInLoad(clients: CeremonyClient[]) {
  const samples: Sample[] = [];
  const acknowledged = new Map<CeremonyClient, Sample[]>(clients.map((client) => [client, []]));
  let running = true;
  const loops = clients.map(async (client) => {
    while (running) {
      const options = await timedPost(client, OPTIONS, {});
      samples.push(options.sample);
      if (typeof options.sample.outcome === 'string') return;
      if (options.sample.outcome !== 200 || !options.response) continue;
      const request = (options.response.body as { options: PublicKeyCredentialRequestOptionsJSON }).options;
      const verify = await timedPost(client, VERIFY, { response: client.authenticator.get(request, client.origin) });
      samples.push(verify.sample);
      if (typeof verify.sample.outcome === 'string') return;
      if (verify.sample.outcome === 200) acknowledged.get(client)?.push(verify.sample);
    }
  });
  return {
    samples,
    acknowledged,
    successes: () => samples.filter((sample) => sample.path === VERIFY && sample.outcome === 200),
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}

/** A GET as a browser on `host` sends it through a TLS proxy, with the cookies given. */
function get(port: number, host: string, requestPath: string, cookie?: string): Promise<{ status: number; ms: number; headers: http.IncomingHttpHeaders; body: string }> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: 'localhost', port, path: requestPath, headers: { host, 'x-forwarded-proto': 'https', ...(cookie ? { cookie } : {}) } },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, ms: performance.now() - start, headers: response.headers, body }));
      },
    );
    request.on('error', reject);
    request.end();
  });
}

async function withDatabase<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

interface Outage {
  kind: StopKind;
  /** performance.now() when the stop was asked for, when the server had gone, when its restart was asked for, and when it was ready. */
  stopBegan: number;
  stopped: number;
  restartBegan: number;
  restarted: number;
}

test('Postgres stopped and crashed under load: every request answered 503 within 2 s, then recovery without a restart and nothing committed lost', async ({ stack }) => {
  test.setTimeout(300_000);
  await rm(FIGURES_FILE, { force: true });

  // Accounts made before the outages, each with its own simulated browser and passkey.
  const clients = Array.from({ length: ACCOUNTS }, () => new CeremonyClient({ port: stack.appPort, host: SITE }));
  // One more, signed in (by its sign-up) before the outages and idle through them.
  const bystander = new CeremonyClient({ port: stack.appPort, host: SITE });
  const accounts = new Map<CeremonyClient, { username: string; userId: string }>();
  for (const client of [...clients, bystander]) {
    const username = uniqueUsername('fault');
    const { verify } = await client.signUp(username);
    accounts.set(client, { username, userId: (verify.body as { user: { id: string } }).user.id });
  }
  const bystanderCookie = bystander.jar.header();

  const load = signInLoad(clients);
  const outages: Outage[] = [];

  /** Stops the database under the load, looks at what clients see, starts it again, waits for a sign-in. */
  async function outage(kind: StopKind): Promise<void> {
    const stopBegan = performance.now();
    await stack.stopDatabase(kind);
    const stopped = performance.now();
    await expect.poll(() => load.samples.filter((sample) => sample.start >= stopped).length, { timeout: 30_000 }).toBeGreaterThanOrEqual(OUTAGE_REQUESTS);

    // The health endpoint says so, in its own words.
    const health = await get(stack.appPort, SITE, '/api/health');
    expect(health.status).toBe(503);
    expect(health.ms).toBeLessThan(ANSWER_WITHIN_MS);
    expect(health.headers['retry-after']).toMatch(/^\d+$/);
    expect(JSON.parse(health.body)).toMatchObject({ status: 'unavailable', database: 'unreachable' });
    for (const leak of ['ECONNREFUSED', 'connect ', '127.0.0.1', String(stack.databasePort), 'postgres']) expect(health.body).not.toContain(leak);

    // A page that reads the session answers in time and says why it shows nothing; the session
    // is neither shown nor ended: no redirect to sign-in, the cookie kept. So does the session
    // endpoint, and an API route that needs the session answers 503, not NOT_SIGNED_IN.
    const accountPage = await get(stack.appPort, SITE, '/account', bystanderCookie);
    expect(accountPage.ms).toBeLessThan(ANSWER_WITHIN_MS);
    expect(accountPage.status).toBe(200);
    expect(accountPage.body).toContain(en.ceremonyErrors.unavailable);
    expect(accountPage.body).not.toContain(accounts.get(bystander)?.username);
    expect(accountPage.headers['set-cookie'] ?? []).toEqual([]);
    const sessionEndpoint = await get(stack.appPort, SITE, '/api/auth/session', bystanderCookie);
    expect(sessionEndpoint.ms).toBeLessThan(ANSWER_WITHIN_MS);
    expect(sessionEndpoint.headers['set-cookie'] ?? []).not.toContainEqual(expect.stringMatching(/^__Host-authjs\.session-token=;/));
    const rename = await timedPost(bystander, '/api/account/passkeys/rename', { passkeyId: 'AAAA', name: 'During the outage' });
    expect(rename.sample).toMatchObject({ outcome: 503, code: 'SERVICE_UNAVAILABLE' });
    expect(rename.sample.end - rename.sample.start).toBeLessThan(ANSWER_WITHIN_MS);

    const restartBegan = performance.now();
    await stack.startDatabase();
    const restarted = performance.now();
    await expect.poll(() => load.successes().some((sample) => sample.start >= restarted), { timeout: 30_000 }).toBe(true);
    outages.push({ kind, stopBegan, stopped, restartBegan, restarted });
  }

  try {
    await expect.poll(() => load.successes().length, { timeout: 60_000 }).toBeGreaterThanOrEqual(ACCOUNTS * 3);
    await outage('fast shutdown');
    await outage('crash');
  } finally {
    await load.stop();
  }

  try {
    const firstStop = Math.min(...outages.map((entry) => entry.stopBegan));
    // Every request was answered, and in time: no hang, no dropped connection, no 500.
    expect(load.samples.filter((sample) => sample.start >= firstStop && sample.end - sample.start >= ANSWER_WITHIN_MS)).toEqual([]);
    expect(load.samples.filter((sample) => sample.outcome !== 200 && sample.outcome !== 503)).toEqual([]);
    // Before the first stop the load itself was healthy (a request in flight at a stop may get a 503).
    expect(load.samples.filter((sample) => sample.end < firstStop && sample.outcome !== 200)).toEqual([]);

    const figures = { recoverySeconds: 0, outageRequests: 0, outageMaxMs: 0 };
    for (const { kind, stopped, restartBegan, restarted } of outages) {
      // While it was down, every answer was the clear one.
      const down = load.samples.filter((sample) => sample.start >= stopped && sample.end <= restartBegan);
      expect(down.length).toBeGreaterThanOrEqual(OUTAGE_REQUESTS);
      for (const sample of down) expect(sample).toMatchObject({ outcome: 503, code: 'SERVICE_UNAVAILABLE', retryAfter: expect.stringMatching(/^\d+$/) });

      // Recovery: from asking Postgres to start again (its own start-up included) to the end of the first sign-in that succeeded.
      const recovered = Math.min(...load.successes().filter((sample) => sample.start >= restartBegan).map((sample) => sample.end));
      const recoverySeconds = (recovered - restartBegan) / 1000;
      const maxMs = Math.max(...down.map((sample) => sample.end - sample.start));
      console.log(
        `${kind}: ${down.length} requests while down, slowest answer ${Math.round(maxMs)} ms; Postgres started again in ` +
          `${Math.round(restarted - restartBegan)} ms, first sign-in after ${recoverySeconds.toFixed(2)} s`,
      );
      figures.recoverySeconds = Math.max(figures.recoverySeconds, Number(recoverySeconds.toFixed(2)));
      figures.outageRequests += down.length;
      figures.outageMaxMs = Math.max(figures.outageMaxMs, Math.round(maxMs));
    }

    // Nothing committed before was lost, through a crash too: every account, its passkey, and a
    // session for every sign-in the server acknowledged (plus the sign-up's).
    const rows = await withDatabase(stack.databaseUrl, async (client) =>
      (
        await client.query<{ id: string; passkeys: number; sessions: number }>(
          `SELECT u.id,
                  (SELECT count(*)::int FROM passkeys p WHERE p.user_id = u.id) AS passkeys,
                  (SELECT count(*)::int FROM sessions s WHERE s.user_id = u.id) AS sessions
           FROM users u WHERE u.id = ANY($1::uuid[])`,
          [[...accounts.values()].map((account) => account.userId)],
        )
      ).rows,
    );
    for (const [client, { username, userId }] of accounts) {
      const acknowledged = load.acknowledged.get(client)?.length ?? 0;
      expect(rows.find((row) => row.id === userId), username).toMatchObject({ passkeys: 1 });
      expect(rows.find((row) => row.id === userId)?.sessions, username).toBeGreaterThanOrEqual(acknowledged + 1);
    }

    // The bystander's session, made before the outages, still opens the account page.
    const afterwards = await get(stack.appPort, SITE, '/account', bystanderCookie);
    expect(afterwards.status).toBe(200);
    expect(afterwards.body).toContain(accounts.get(bystander)?.username);

    // And every account signs in again.
    for (const [client, { userId }] of accounts) {
      const { verify } = await client.signIn();
      expect(verify.body).toMatchObject({ user: { id: userId } });
    }

    await mkdir(path.dirname(FIGURES_FILE), { recursive: true });
    await writeFile(FIGURES_FILE, `${JSON.stringify(figures, null, 2)}\n`);
  } finally {
    for (const client of accounts.keys()) client.close();
  }
});
