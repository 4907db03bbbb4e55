import { createRequire } from 'node:module';
import path from 'node:path';
import { startServerProcess, type ServerProcess } from './server-process';

export interface NextServerOptions {
  /** The checkout whose build is served, with its own node_modules. */
  appDir: string;
  port: number;
  /** Added to this process's environment: DATABASE_URL, AUTH_SECRET, ATLAS_BENCH_BUILD, … */
  env: Record<string, string>;
  /** Flags for Node itself, e.g. `--cpu-prof`, which NODE_OPTIONS does not accept. */
  nodeArgs?: string[];
  logFile: string;
  /** Default 180 s: a cold start on a busy 2-core machine can take most of a minute. */
  startupTimeoutMs?: number;
}

/**
 * One instance of a production build: `next start` on localhost:port, ready once /api/health
 * says the database answers. "localhost", not 127.0.0.1, for the reason tools/serve.ts gives
 * (vercel/next.js#94745). Its SIGTERM handling closes the server and exits normally, which is
 * also when `--cpu-prof` writes its profile.
 */
export function startNextServer({ appDir, port, env, nodeArgs = [], logFile, startupTimeoutMs = 180_000 }: NextServerOptions): Promise<ServerProcess> {
  const nextBin = createRequire(path.join(appDir, 'package.json')).resolve('next/dist/bin/next');
  return startServerProcess({
    command: process.execPath,
    args: [...nodeArgs, nextBin, 'start', '--port', String(port), '--hostname', 'localhost'],
    cwd: appDir,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env },
    port,
    logFile,
    startupTimeoutMs,
  });
}
