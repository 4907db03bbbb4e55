import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { onTestFinished } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface CleanRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CleanRunOptions {
  /** Only these variables, with PATH. */
  env?: Record<string, string>;
  /**
   * `empty` (default): a new empty directory, so that no .env file of this checkout, which
   * tools/serve.ts loads, can make it pass. `project`: the checkout, for Next's config loader,
   * which resolves next.config.ts's imports from there and reads no .env file itself.
   */
  cwd?: 'empty' | 'project';
}

/**
 * Runs one of the project's TypeScript entry points as a child process with exactly the given
 * variables and PATH, so nothing in this shell's environment can make it pass. tsx finds the
 * project's tsconfig paths through TSX_TSCONFIG_PATH.
 */
export async function cleanRun(script: string, args: string[], { env = {}, cwd = 'empty' }: CleanRunOptions = {}): Promise<CleanRun> {
  let dir = ROOT;
  if (cwd === 'empty') {
    const empty = await mkdtemp(path.join(os.tmpdir(), 'atlas-clean-'));
    onTestFinished(() => rm(empty, { recursive: true, force: true }));
    dir = empty;
  }
  const tsx = path.join(ROOT, 'node_modules/.bin/tsx');
  // Next's types declare NODE_ENV always present; a child started without it is the point here.
  const childEnv = { PATH: process.env.PATH ?? '', TSX_TSCONFIG_PATH: path.join(ROOT, 'tsconfig.json'), ...env } as Record<string, string> as NodeJS.ProcessEnv;
  return promisify(execFile)(tsx, [path.join(ROOT, script), ...args], { cwd: dir, env: childEnv, timeout: 60_000 }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code?: unknown; stdout?: string; stderr?: string }) => {
      if (typeof error.code !== 'number') throw error;
      return { code: error.code, stdout: error.stdout ?? '', stderr: error.stderr ?? '' };
    },
  );
}
