/**
 * `npm run bench`: full passkey ceremonies against the production build, next to two baselines
 * measured in the same run on the same machine: a no-op route of the same build (the framework's
 * ceiling) and a minimal Express + SimpleWebAuthn server (bench/express-baseline). It prints one
 * Markdown table with the ratios the project aims for and writes bench/results/<date>.json.
 *
 *   npm run bench                           the default run (about 6 minutes on 2 cores)
 *   npm run bench -- --sign-ins 3000        a shorter memory check (readings at 1,000 and 3,000)
 *   npm run bench -- --instances 2          also 1 vs 2 instances behind a round-robin balancer
 *   npm run bench -- --profile              the server under --cpu-prof; where its time goes
 *   npm run bench -- --app-dir ../old --label before
 *                                           measure another checkout (built there, with its
 *                                           own node_modules) for a before/after comparison;
 *                                           without a bench build of its own, the no-op route
 *                                           is served by this checkout's (or --noop-app-dir's)
 *   npm run bench -- --no-build             serve the build a previous run made
 *   npm run bench -- --rounds 10            more alternating sign-in / no-op windows (default 6 of 5 s)
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startEmbeddedPostgres } from '@/tools/db/embedded';
import { migrate } from '@/tools/db/migrate';
import { dataDir, projectRoot } from '@/tools/db/paths';
import { parsePostmasterPid } from '@/tools/db/postmaster-pid';
import { startBalancer } from '@/tools/instances/balancer';
import { freePort } from '@/tools/instances/free-port';
import { startNextServer } from '@/tools/instances/next-server';
import type { ServerProcess } from '@/tools/instances/server-process';
import { BENCH_BUILD_ENV, buildApp, distDir, supportsBenchBuild } from './app-build';
import { summariseProfiles } from './cpu-profile';
import { startExpressBaseline } from './express-baseline/start';
import type { LoopResult } from './load';
import { otherLoadShare, readCpu, type CpuReading } from './other-load';
import { processTreeCpuMs, processTreeRss } from './process-tree';
import { difference, PostgresStats } from './postgres-stats';
import { formatTables, loopStats, type AlternatingRound, type AlternatingRounds, type CpuPerOperation, postgresPerSignIn, ratios, type BenchResults, type LoopStats, type ScenarioStats } from './report';
import { closeClients, hasNoOpRoute, noOps, PAGE_PATH, pageViews, retarget, signIns, signUpClients, signUps, type SignInClient, type Target } from './scenarios';

const { values: args } = parseArgs({
  options: {
    clients: { type: 'string', default: '32' },
    seconds: { type: 'string', default: '15' },
    warmup: { type: 'string', default: '10' },
    'unloaded-seconds': { type: 'string', default: '5' },
    rounds: { type: 'string', default: '6' },
    'round-seconds': { type: 'string', default: '5' },
    'sign-ins': { type: 'string', default: '10000' },
    instances: { type: 'string', default: '1' },
    profile: { type: 'boolean', default: false },
    'app-dir': { type: 'string' },
    'noop-app-dir': { type: 'string' },
    label: { type: 'string' },
    host: { type: 'string', default: 'example.com' },
    'no-build': { type: 'boolean', default: false },
  },
});

/** The first memory reading; the second is after --sign-ins. */
const FIRST_RSS_READING = 1_000;

const settings = {
  clients: positiveInteger('clients', args.clients),
  seconds: positiveInteger('seconds', args.seconds),
  warmupSeconds: positiveInteger('warmup', args.warmup),
  unloadedSeconds: positiveInteger('unloaded-seconds', args['unloaded-seconds']),
  rounds: positiveInteger('rounds', args.rounds),
  roundSeconds: positiveInteger('round-seconds', args['round-seconds']),
  signIns: positiveInteger('sign-ins', args['sign-ins']),
  instances: positiveInteger('instances', args.instances),
  profile: args.profile,
  host: args.host,
};
if (settings.signIns < 2 * FIRST_RSS_READING) fail(`--sign-ins must be at least ${2 * FIRST_RSS_READING}: memory is read after ${FIRST_RSS_READING} and after --sign-ins.`);

const appDir = path.resolve(args['app-dir'] ?? projectRoot);
const benchBuild = supportsBenchBuild(appDir);
// The framework's ceiling depends on Next.js and proxy.ts, not on the ceremonies: an older
// checkout without the bench build borrows another checkout's.
const noopAppDir = benchBuild ? appDir : path.resolve(args['noop-app-dir'] ?? projectRoot);
if (!supportsBenchBuild(noopAppDir)) fail(`${noopAppDir} has no bench build (app/api/bench/noop/route.bench.ts) to serve the no-op route`);
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const runDir = path.join(projectRoot, 'bench', '.runs', stamp);
const cleanups: (() => Promise<void> | void)[] = [];

process.on('SIGINT', () => void stopAll().then(() => process.exit(130)));
process.on('SIGTERM', () => void stopAll().then(() => process.exit(143)));

main().then(
  async ({ measured, cpuAfterBuild, startedAt }) => {
    await stopAll();
    // Only now have the servers and Postgres exited and been waited for: their CPU time is ours.
    const partial = { ...measured, machine: { ...measured.machine, otherLoad: otherLoadShare(cpuAfterBuild, readCpu()) } };
    const results: BenchResults = { ...partial, ratios: ratios(partial) };
    const name = [results.date, args.label, settings.profile && 'profile', settings.instances > 1 && `${settings.instances}-instances`].filter(Boolean).join('-');
    const file = path.join(projectRoot, 'bench', 'results', `${name}.json`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
    console.log(`\n${formatTables(results)}\n`);
    console.log(`Written to ${path.relative(process.cwd(), file)} in ${((Date.now() - startedAt) / 60_000).toFixed(1)} min; server logs in ${path.relative(process.cwd(), runDir)}`);
  },
  async (error: unknown) => {
    console.error(`\n✖ ${error instanceof Error ? error.message : String(error)}`);
    await stopAll();
    process.exit(1);
  },
);

/** Everything but what can only be known once every child process has exited. */
type Measured = Omit<BenchResults, 'ratios' | 'machine'> & { machine: Omit<BenchResults['machine'], 'otherLoad'> };

async function main(): Promise<{ measured: Measured; cpuAfterBuild: CpuReading; startedAt: number }> {
  const startedAt = Date.now();
  await build();
  const cpuAfterBuild = readCpu();

  step('Database: embedded PostgreSQL with pg_stat_statements, a fresh database for this run');
  const database = `bench_${stamp.slice(0, 19).replace(/\D/g, '')}_${randomBytes(2).toString('hex')}`;
  const postgres = await startEmbeddedPostgres({
    dataDir: dataDir('postgres-bench'),
    port: await freePort(),
    database,
    settings: { shared_preload_libraries: 'pg_stat_statements', 'pg_stat_statements.track_utility': 'on', 'pg_stat_statements.track_planning': 'on' },
  });
  cleanups.push(() => postgres.stop());
  const adminUrl = postgres.url.replace(/\/[^/]*$/, '/postgres');
  cleanups.push(() => dropDatabase(adminUrl, database));
  await migrate(postgres.url, { migrationsDir: path.join(appDir, 'prisma', 'migrations') });
  const stats = await PostgresStats.connect(adminUrl, database);
  cleanups.push(() => stats.close());

  // Each simulated browser signs in many times a second, far past the per-browser limits; the
  // limits are raised, not switched off, so their counting stays in what is measured.
  const serverEnv = {
    DATABASE_URL: postgres.url,
    AUTH_SECRET: randomBytes(32).toString('base64url'),
    RATE_LIMIT_FACTOR: '1000',
    ...(benchBuild ? BENCH_BUILD_ENV : {}),
  };
  const profileDir = path.join(runDir, 'cpu-profiles');
  const project = await startServer('project server', appDir, serverEnv, settings.profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []);
  const target: Target = { port: project.port, host: settings.host };
  // Postgres forks a backend per connection: its postmaster's tree is all of it.
  const postmaster = parsePostmasterPid(fs.readFileSync(path.join(dataDir('postgres-bench'), 'postmaster.pid'), 'utf8'));
  const projectMeter: Meter = { serverPid: project.pid, ...(postmaster ? { postgresPid: postmaster.pid } : {}) };

  step(`Sign-in: ${settings.clients} accounts, ${settings.warmupSeconds} s of sign-ins to warm up, then ${FIRST_RSS_READING.toLocaleString('en')} more`);
  const clients = await signUpClients(target, settings.clients);
  cleanups.push(() => closeClients(clients));
  // Memory is compared from a warm server on: the JIT's code and V8's heap grow to their working
  // size in the first thousands of requests, which is not a leak (the readings every 1,000 show it).
  must(await signIns(clients, { seconds: settings.warmupSeconds }), 'warm-up sign-ins');
  must(await signIns(clients, { iterations: FIRST_RSS_READING }), 'first 1,000 sign-ins');
  const rss = [{ afterSignIns: FIRST_RSS_READING, bytes: processTreeRss(project.pid) }];

  const measuredSignIns = settings.signIns - FIRST_RSS_READING;
  step(`Sign-in: ${measuredSignIns.toLocaleString('en')} sign-ins at ${settings.clients} clients (measured)`);
  const pgBefore = await stats.settled();
  const windowFrom = monotonicMicros();
  // A reading every 1,000 sign-ins shows a trend, where two readings could catch a GC's timing.
  const { result: loadedSignIns, cpu: signInCpu } = await metered(projectMeter, () =>
    signIns(clients, { iterations: measuredSignIns }, (completed) => {
      if (completed % FIRST_RSS_READING === 0) rss.push({ afterSignIns: FIRST_RSS_READING + completed, bytes: processTreeRss(project.pid) });
    }),
  );
  const windowTo = monotonicMicros();
  if (rss[rss.length - 1]?.afterSignIns !== FIRST_RSS_READING + loadedSignIns.completed) {
    rss.push({ afterSignIns: FIRST_RSS_READING + loadedSignIns.completed, bytes: processTreeRss(project.pid) });
  }
  const pgAfter = await stats.settled();
  must(loadedSignIns, 'loaded sign-ins');
  const signIn: ScenarioStats = {
    loaded: loopStats(loadedSignIns),
    cpu: signInCpu,
    unloadedP50Ms: await unloadedP50('sign-in', () => signIns(clients.slice(0, 1), { seconds: settings.unloadedSeconds })),
  };

  const signUp = await scenario('project sign-up', projectMeter, (clientCount, stop) => signUps(target, clientCount, stop));
  const pages = await scenario(`project page views (GET ${PAGE_PATH})`, projectMeter, (clientCount, stop) => pageViews(target, clientCount, stop));

  let noopServer = project;
  let noopServedBy = 'same build';
  if (!benchBuild) {
    noopServer = await startServer('no-op server', noopAppDir, { ...serverEnv, ...BENCH_BUILD_ENV });
    noopServedBy = `bench build of ${gitState(noopAppDir).commit}`;
  }
  const noopTarget: Target = { port: noopServer.port, host: settings.host };
  if (!(await hasNoOpRoute(noopTarget))) throw new Error('The bench build does not serve /api/bench/noop');
  const noopMeter: Meter = { serverPid: noopServer.pid };
  const noop = { ...(await scenario('no-op route', noopMeter, (clientCount, stop) => noOps(noopTarget, clientCount, stop))), servedBy: noopServedBy };
  const alternating = await alternate({
    signIn: { meter: projectMeter, loop: (stop) => signIns(clients, stop) },
    noop: { meter: noopMeter, loop: (stop) => noOps(noopTarget, settings.clients, stop) },
  });

  const instances = settings.instances > 1 ? await scaleOut(project, clients, serverEnv) : undefined;

  step('Stopping the project server');
  await project.stop();
  const profile = settings.profile
    ? summariseProfiles(
        fs.readdirSync(profileDir).filter((f) => f.endsWith('.cpuprofile')).map((f) => path.join(profileDir, f)),
        appDir,
        { fromUs: windowFrom, toUs: windowTo },
      )
    : undefined;

  const express = await measureExpress();

  const measured: Measured = {
    date: new Date().toISOString().slice(0, 10),
    ...(args.label ? { label: args.label } : {}),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown CPU',
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    },
    app: { dir: appDir, ...gitState(appDir), benchBuild },
    settings: { clients: settings.clients, seconds: settings.seconds, warmupSeconds: settings.warmupSeconds, signIns: settings.signIns, host: settings.host, profile: settings.profile, instances: settings.instances },
    project: { signIn, signUp, pageViews: pages, rss, postgres: postgresPerSignIn(difference(pgBefore, pgAfter), loadedSignIns.completed) },
    noop,
    alternating,
    express,
    ...(instances ? { instances } : {}),
    ...(profile ? { profile } : {}),
  };
  return { measured, cpuAfterBuild, startedAt };
}

async function build(): Promise<void> {
  const builds = [{ dir: appDir, bench: benchBuild }];
  if (!benchBuild) builds.push({ dir: noopAppDir, bench: true });
  for (const { dir, bench } of builds) {
    if (args['no-build']) {
      if (!fs.existsSync(path.join(distDir(dir, bench), 'BUILD_ID'))) fail(`--no-build, but ${distDir(dir, bench)} holds no build`);
      continue;
    }
    step(`Building ${dir}${bench ? ' (bench build: .next-bench, with the no-op route)' : ' (its own production build in .next: it has no bench build)'}`);
    await buildApp(dir, { bench, logFile: path.join(runDir, 'build.log') });
  }
}

async function startServer(name: string, dir: string, env: Record<string, string>, nodeArgs: string[] = []): Promise<ServerProcess> {
  step(`Starting ${name}`);
  const server = await startNextServer({ appDir: dir, port: await freePort(), env, nodeArgs, logFile: path.join(runDir, `${name.replace(/\W+/g, '-')}.log`) });
  cleanups.push(() => server.stop());
  return server;
}

type Loop = (clients: number, stop: { seconds: number }) => Promise<LoopResult>;

/** The processes whose CPU time a loaded window is charged: a server, its database if it has one, and this load generator. */
interface Meter {
  serverPid: number;
  postgresPid?: number;
}

/** Runs a loaded window and charges it the CPU time each of the meter's processes used, per completed operation. */
async function metered(meter: Meter, run: () => Promise<LoopResult>): Promise<{ result: LoopResult; cpu: CpuPerOperation }> {
  const read = () => ({
    server: processTreeCpuMs(meter.serverPid),
    postgres: meter.postgresPid === undefined ? undefined : processTreeCpuMs(meter.postgresPid),
    loadGenerator: process.cpuUsage(),
  });
  const before = read();
  const result = await run();
  const after = read();
  const per = (ms: number) => ms / Math.max(result.completed, 1);
  const loadGenerator = process.cpuUsage(before.loadGenerator);
  return {
    result,
    cpu: {
      serverMs: per(after.server - before.server),
      ...(after.postgres === undefined || before.postgres === undefined ? {} : { postgresMs: per(after.postgres - before.postgres) }),
      loadGeneratorMs: per((loadGenerator.user + loadGenerator.system) / 1000),
    },
  };
}

/** Warm-up, then the loaded loop, then one client alone. */
async function scenario(name: string, meter: Meter, loop: Loop): Promise<ScenarioStats> {
  step(`${name}: warm-up, ${settings.seconds} s at ${settings.clients} clients, ${settings.unloadedSeconds} s with 1`);
  await loop(settings.clients, { seconds: settings.warmupSeconds });
  const { result, cpu } = await metered(meter, () => loop(settings.clients, { seconds: settings.seconds }));
  const loaded = must(result, name);
  return { loaded: loopStats(loaded), cpu, unloadedP50Ms: await unloadedP50(name, () => loop(1, { seconds: settings.unloadedSeconds })) };
}

/**
 * Sign-in and no-op windows in turns, ABBA (a machine speeding up or slowing down through a round
 * favours neither): their ratio within a round is what the ceiling ratio is read from. Windows
 * minutes apart differed by a third on a shared machine, with identical code.
 */
async function alternate(windows: Record<'signIn' | 'noop', { meter: Meter; loop: (stop: { seconds: number }) => Promise<LoopResult> }>): Promise<AlternatingRounds> {
  step(`Sign-in and no-op route in turns: ${settings.rounds} rounds of two ${settings.roundSeconds}-second windows at ${settings.clients} clients`);
  const rounds: AlternatingRound[] = [];
  for (let round = 0; round < settings.rounds; round += 1) {
    const order = round % 2 === 0 ? (['signIn', 'noop'] as const) : (['noop', 'signIn'] as const);
    const measured: Partial<Record<'signIn' | 'noop', { perSecond: number; serverCpuMs: number }>> = {};
    for (const which of order) {
      const { result, cpu } = await metered(windows[which].meter, () => windows[which].loop({ seconds: settings.roundSeconds }));
      measured[which] = { perSecond: loopStats(must(result, `round ${round + 1}, ${which}`)).perSecond, serverCpuMs: cpu.serverMs };
    }
    const { signIn, noop } = measured as Record<'signIn' | 'noop', { perSecond: number; serverCpuMs: number }>;
    rounds.push({ signInPerSecond: signIn.perSecond, noopPerSecond: noop.perSecond, signInServerCpuMs: signIn.serverCpuMs, noopServerCpuMs: noop.serverCpuMs });
  }
  return { seconds: settings.roundSeconds, rounds };
}

async function unloadedP50(name: string, run: () => Promise<LoopResult>): Promise<number> {
  return loopStats(must(await run(), `${name} with 1 client`)).p50Ms;
}

async function measureExpress(): Promise<{ signIn: ScenarioStats; signUp: ScenarioStats }> {
  step('Starting the Express + SimpleWebAuthn baseline');
  const server = await startExpressBaseline({ port: await freePort(), logFile: path.join(runDir, 'express.log') });
  cleanups.push(() => server.stop());
  const target: Target = { port: server.port, host: settings.host };
  const clients = await signUpClients(target, settings.clients);
  cleanups.push(() => closeClients(clients));
  const meter: Meter = { serverPid: server.pid };
  const signIn = await scenario('Express sign-in', meter, (count, stop) => signIns(clients.slice(0, count), stop));
  const signUp = await scenario('Express sign-up', meter, (count, stop) => signUps(target, count, stop));
  await server.stop();
  return { signIn, signUp };
}

/** The same sign-in loop through a round-robin balancer: one instance, then `instances`. */
async function scaleOut(first: ServerProcess, accounts: readonly SignInClient[], env: Record<string, string>) {
  const servers = [first];
  for (let i = 1; i < settings.instances; i += 1) servers.push(await startServer(`instance ${i + 1}`, appDir, env));
  const measure = async (count: number): Promise<LoopStats> => {
    step(`${count} instance(s) behind the balancer: warm-up, then ${settings.seconds} s of sign-ins`);
    const balancer = await startBalancer({ upstreams: servers.slice(0, count).map((s) => ({ host: 'localhost', port: s.port })) });
    const clients = retarget(accounts, { port: balancer.port, host: settings.host });
    try {
      await signIns(clients, { seconds: settings.warmupSeconds });
      return loopStats(must(await signIns(clients, { seconds: settings.seconds }), `${count} instance(s)`));
    } finally {
      closeClients(clients);
      await balancer.close();
    }
  };
  const one = await measure(1);
  const many = await measure(settings.instances);
  for (const server of servers.slice(1)) await server.stop();
  return { count: settings.instances, one, many, ratio: many.perSecond / one.perSecond };
}

/** A loop whose iterations failed more than rarely measured nothing worth printing. */
function must(result: LoopResult, what: string): LoopResult {
  if (result.errors > Math.max(3, result.completed * 0.01)) {
    throw new Error(`${what}: ${result.errors} of ${result.errors + result.completed} iterations failed; the first: ${result.firstError ?? '?'}`);
  }
  if (result.errors > 0) console.error(`  ${what}: ${result.errors} failed (${result.firstError ?? '?'})`);
  return result;
}

/** The clock V8's CPU profiles use (CLOCK_MONOTONIC on Linux), in microseconds. */
function monotonicMicros(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

function gitState(dir: string): { commit: string; uncommittedChanges: boolean } {
  try {
    const commit = execFileSync('git', ['-C', dir, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const status = execFileSync('git', ['-C', dir, 'status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' });
    return { commit, uncommittedChanges: status.trim() !== '' };
  } catch {
    return { commit: 'unknown', uncommittedChanges: false };
  }
}

async function dropDatabase(adminUrl: string, database: string): Promise<void> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(database)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

let stopping: Promise<void> | undefined;
function stopAll(): Promise<void> {
  stopping ??= (async () => {
    for (const cleanup of cleanups.reverse()) {
      await Promise.resolve(cleanup()).catch((error: unknown) => console.error(`  cleanup failed: ${String(error)}`));
    }
  })();
  return stopping;
}

function step(message: string): void {
  console.error(`• ${message}`);
}

function positiveInteger(name: string, value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) fail(`--${name} must be a positive integer, not "${value}"`);
  return number;
}

function fail(message: string): never {
  console.error(`✖ ${message}`);
  process.exit(1);
}
