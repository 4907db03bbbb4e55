import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServerProcess, type ServerProcess } from '@/tools/instances/server-process';

const SERVER = fileURLToPath(new URL('./server.ts', import.meta.url));

/** The Express baseline in its own process, as the project's server runs in its own. */
export function startExpressBaseline({ port, logFile }: { port: number; logFile: string }): Promise<ServerProcess> {
  return startServerProcess({
    command: process.execPath,
    args: ['--import', 'tsx', SERVER, String(port)],
    cwd: path.dirname(SERVER),
    env: { ...process.env, NODE_ENV: 'production' },
    port,
    logFile,
    startupTimeoutMs: 60_000,
  });
}
