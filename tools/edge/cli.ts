/**
 * Runs the local HTTPS edge on its own, in front of an app that is already running:
 *   npm run edge -- --upstream 3000 --port 3443
 * then start any Chrome/Chromium with the printed flags.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { edgeBrowserArgs, findBrowser } from './browser';
import { ensureCertificate } from './certificate';
import { startEdge } from './edge';

const USAGE = `Usage: npm run edge -- [--upstream <port>] [--upstream-host <host>] [--port <port>]
  --upstream       port of the running app (default 3000)
  --upstream-host  host of the running app (default 127.0.0.1)
  --port           port for the edge's HTTP proxy on 127.0.0.1 (default 3443, 0 = any free port)`;

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function parsePort(value: string, flag: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`${flag} must be a port number, got "${value}"\n${USAGE}`);
  }
  return port;
}

function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      upstream: { type: 'string', default: '3000' },
      'upstream-host': { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '3443' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }

  // Imported here, not at the top, so a bad sites.config.ts is reported as one message below.
  const { allHostnames } = await import('@/lib/sites/config');
  const hostnames = allHostnames();
  const certificate = ensureCertificate({ dir: path.join(projectRoot, '.edge'), hostnames });
  const edge = await startEdge({
    hostnames,
    upstreamPort: parsePort(values.upstream, '--upstream'),
    upstreamHost: values['upstream-host'],
    proxyPort: parsePort(values.port, '--port'),
    certificate,
  });

  const browser = findBrowser()?.path ?? 'chromium';
  const command = [
    browser,
    ...edgeBrowserArgs({ proxyUrl: edge.proxyUrl, spki: certificate.spki }),
    `--user-data-dir=${path.join(projectRoot, '.edge', 'browser-profile')}`,
    `https://${hostnames[0] ?? 'example.com'}/`,
  ];
  console.log(`Edge: https://{${hostnames.join(',')}} → http://${values['upstream-host']}:${values.upstream}`);
  console.log(`Proxy: ${edge.proxyUrl}`);
  console.log(`SPKI:  ${certificate.spki}`);
  console.log(`Open a browser through it:\n  ${command.map(shellQuote).join(' ')}`);
  console.log('Ctrl-C stops the edge.');

  let signals = 0;
  const shutdown = (signal: NodeJS.Signals) => {
    signals += 1;
    // A second Ctrl-C means "now", even if a connection is slow to close.
    if (signals > 1) process.exit(130);
    console.log(`\n${signal}: closing the edge…`);
    edge.close().then(
      () => {
        process.exitCode = 0;
      },
      (error: unknown) => {
        console.error(error);
        process.exitCode = 1;
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
