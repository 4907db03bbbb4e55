/**
 * Starts everything a site family needs on one machine, in order: the database (embedded unless
 * DATABASE_URL is set), its migrations, the local HTTPS edge (optional), the Next.js server,
 * and a browser window (optional). Ctrl-C or SIGTERM stops what it started, in reverse.
 *
 *   tsx tools/serve.ts --mode dev --edge --open        (npm run dev)
 *   tsx tools/serve.ts --mode production               (npm start)
 *   tsx tools/serve.ts --mode production --edge --purpose test --port 3100 --edge-port 3543
 *                                                       (the Playwright suite's web server)
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';
import nextEnv from '@next/env';
import { checkEnv } from '@/lib/env/check-env';
import { resolveDatabase } from '@/tools/db/embedded';
import { migrate } from '@/tools/db/migrate';
import { EDGE_PROXY_ENV, EDGE_SPKI_ENV } from '@/lib/local/edge-env';
import { ensureCertificate } from './edge/certificate';
import { startEdge } from './edge/edge';
import { ensureAuthSecret } from './auth-secret';

const { values: args } = parseArgs({
  options: {
    mode: { type: 'string', default: 'dev' },
    purpose: { type: 'string', default: 'dev' },
    port: { type: 'string' },
    edge: { type: 'boolean', default: false },
    'edge-port': { type: 'string' },
    open: { type: 'boolean', default: false },
  },
});

const mode = args.mode === 'production' ? 'production' : 'dev';
const purpose = args.purpose === 'test' ? 'test' : 'dev';
// The same .env files Next.js reads, so DATABASE_URL there decides the database here too; the
// test stack ignores them so a suite never writes into a developer's own database.
if (purpose === 'dev') nextEnv.loadEnvConfig(process.cwd(), mode === 'dev');

const APP_HOST = 'localhost';

const cleanups: (() => Promise<void> | void)[] = [];
let stopping = false;

async function stop(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    for (const cleanup of cleanups.reverse()) {
      await Promise.resolve(cleanup()).catch((error: unknown) => console.error(`  cleanup failed: ${String(error)}`));
    }
  }
  process.exit(code);
}

process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

function fail(message: string): Promise<never> {
  console.error(`\n✖ ${message}`);
  return stop(1);
}

function startNext(env: NodeJS.ProcessEnv, appPort: number): ChildProcess {
  const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next');
  // `npm start` listens on every interface, as `next start` does, for a TLS proxy on another
  // machine; the dev server and the test stacks only on this one. "localhost", not "127.0.0.1":
  // with an IP there, Next.js treats the proxy's rewrites behind an X-Forwarded-Proto: https hop
  // as external and fetches them over TLS from itself (500 EPROTO, vercel/next.js#94745).
  const listen = mode === 'production' && purpose === 'dev' ? [] : ['--hostname', APP_HOST];
  const child = spawn(process.execPath, [nextBin, mode === 'dev' ? 'dev' : 'start', '--port', String(appPort), ...listen], {
    env,
    stdio: 'inherit',
    // Its own process group, so stopping it also stops the workers it forks. (On Windows a
    // detached child gets a console window of its own; taskkill /T stops the tree there.)
    detached: process.platform !== 'win32',
  });
  child.on('exit', (code, signal) => {
    if (!stopping) void fail(`Next.js exited (${signal ?? `code ${code}`}).`);
  });
  cleanups.push(async () => {
    if (!child.pid || child.exitCode !== null || child.signalCode !== null) return;
    // Wait for it to exit, so the database is not stopped under its open connections.
    const exited = new Promise((resolve) => child.once('exit', resolve));
    if (process.platform === 'win32') spawnSync('taskkill', ['/pid', String(child.pid), '/t', '/f']);
    else process.kill(-child.pid, 'SIGTERM');
    await exited;
  });
  return child;
}

async function waitForApp(appPort: number): Promise<void> {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    const ok = await fetch(`http://${APP_HOST}:${appPort}/api/health`).then((r) => r.status < 500, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  await fail(`Next.js did not answer on ${APP_HOST}:${appPort} within 3 minutes.`);
}

/**
 * Where rate limits find the client's address. The local edge overwrites X-Forwarded-For, so it
 * can be trusted behind it. The test stack trusts a header only tests send: every browser of the
 * suite comes through the edge from 127.0.0.1 and would share one address, while a test of the
 * limits gives each of its clients an address of its own.
 */
function trustedClientIpHeader(): string | undefined {
  if (purpose === 'test') return 'x-test-client-ip';
  return args.edge ? 'x-forwarded-for' : undefined;
}

async function main(): Promise<void> {
  // Before anything starts: a production start refuses to make up AUTH_SECRET or to fall back to
  // the embedded database unless ATLAS_EMBEDDED_DATABASE=1 says so (lib/env/check-env.ts).
  const checked = checkEnv(process.env, mode === 'production' ? 'serve-production' : 'dev');
  const appPort = args.port === undefined ? checked.PORT : Number(args.port);
  const edgePort = args['edge-port'] === undefined ? checked.EDGE_PORT : Number(args['edge-port']);
  // Imported here, not at the top, so a SiteConfigError is reported by fail() as one message.
  const { allHostnames, primaryOrigin, rpSite, siteConfig } = await import('@/lib/sites/config');
  const database = await resolveDatabase({ purpose });
  cleanups.push(() => database.stop());
  console.log(`• Database: ${database.embedded ? `embedded PostgreSQL (${database.url.replace(/\/\/[^@]*@/, '//')})` : 'DATABASE_URL'}`);
  const { applied } = await migrate(database.url);
  console.log(`• Migrations: ${applied.length ? `applied ${applied.join(', ')}` : 'up to date'}`);

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    PORT: String(appPort),
    // Made and kept in .data for development only; checkEnv has made sure production has one.
    AUTH_SECRET: mode === 'production' ? checked.AUTH_SECRET : ensureAuthSecret(process.env),
    TRUSTED_CLIENT_IP_HEADER: checked.TRUSTED_CLIENT_IP_HEADER ?? trustedClientIpHeader(),
  };

  let browserTarget: { proxyUrl: string; spki: string } | undefined;
  if (args.edge) {
    const certificate = ensureCertificate({ dir: path.resolve('.edge'), hostnames: allHostnames() });
    const edge = await startEdge({ hostnames: allHostnames(), upstreamHost: APP_HOST, upstreamPort: appPort, proxyPort: edgePort, certificate });
    cleanups.push(() => edge.close());
    env[EDGE_PROXY_ENV] = edge.proxyUrl;
    env[EDGE_SPKI_ENV] = certificate.spki;
    browserTarget = { proxyUrl: edge.proxyUrl, spki: certificate.spki };
  }

  startNext(env, appPort);
  await waitForApp(appPort);

  console.log(`\n✔ Passkey Atlas is up (${mode} mode).`);
  if (!browserTarget) {
    console.log(`  Next.js on http://${APP_HOST}:${appPort}; put a TLS proxy that keeps Host in front (see README).`);
    return;
  }
  console.log(`  The sites, served over HTTPS by the local edge (HTTP proxy ${browserTarget.proxyUrl}):`);
  for (const site of siteConfig.sites) console.log(`    ${primaryOrigin(site).padEnd(30)} ${site.name}${site.listed ? '' : ' (not listed: passkeys fail here on purpose)'}`);
  console.log(`  Opening http://localhost:${appPort} in any browser shows how to reach them.`);

  if (!args.open) return;
  // Loaded only here: it pulls in Playwright, a dev dependency `npm start` does not need.
  const { findBrowser, hasDisplay, launchBrowser } = await import('./edge/browser');
  const browser = findBrowser();
  if (!browser || !hasDisplay()) {
    console.log(`  No ${browser ? 'display' : 'Chrome or Chromium'} found, so no browser window was opened.`);
    return;
  }
  const window = launchBrowser({
    executable: browser.path,
    url: primaryOrigin(rpSite()),
    userDataDir: path.resolve('.edge/browser-profile'),
    ...browserTarget,
  });
  cleanups.push(() => {
    if (window.exitCode === null) window.kill('SIGTERM');
  });
  console.log(`  Opened ${browser.path} on ${primaryOrigin(rpSite())}. Press Ctrl-C to stop everything.`);
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
