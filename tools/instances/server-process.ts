import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

export interface ServerProcessOptions {
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Where it listens on localhost; ready once GET /api/health answers 200 there. */
  port: number;
  /** Its stdout and stderr go to this file (appended), so a failure can be read later. */
  logFile: string;
  startupTimeoutMs: number;
}

export interface ServerProcess {
  port: number;
  pid: number;
  /** Stops it and every process it started, and waits until it has exited. */
  stop(): Promise<void>;
}

/** How long a graceful stop may take (a CPU profile is written then) before SIGKILL. */
const STOP_TIMEOUT_MS = 30_000;

/**
 * A server in a child process of its own process group (POSIX), ready when its health check
 * answers 200. Stopping sends SIGTERM to the whole group, so workers it forked stop too.
 */
export async function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  const { command, args, cwd, env, port, logFile, startupTimeoutMs } = options;
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const log = fs.openSync(logFile, 'a');
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', log, log], detached: true });
  fs.closeSync(log);
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${command} did not start in ${cwd}`);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const server: ServerProcess = { port, pid, stop: () => stopGroup(child, exited) };
  try {
    await waitForHealth(port, child, startupTimeoutMs);
  } catch (error) {
    await server.stop();
    const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-20).join('\n');
    throw new Error(`${(error as Error).message}\nLast lines of ${logFile}:\n${tail}`);
  }
  return server;
}

async function waitForHealth(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`The server for port ${port} exited (${child.signalCode ?? `code ${child.exitCode}`}) before it was ready`);
    }
    const status = await fetch(`http://localhost:${port}/api/health`).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) return;
    await delay(250);
  }
  throw new Error(`Nothing answered GET http://localhost:${port}/api/health with 200 within ${timeoutMs / 1000} s`);
}

async function stopGroup(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  signalGroup(child.pid, 'SIGTERM');
  const stopped = await Promise.race([exited.then(() => true), delay(STOP_TIMEOUT_MS).then(() => false)]);
  if (!stopped) {
    signalGroup(child.pid, 'SIGKILL');
    await exited;
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch (error) {
    // ESRCH: the group is already gone.
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}
