import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** The env flag next.config.ts reads: bench routes in, build output in .next-bench. */
export const BENCH_BUILD_ENV = { ATLAS_BENCH_BUILD: '1' } as const;

/**
 * Whether a checkout knows the bench build (an older one, measured for a before/after
 * comparison, may not): then its own production build is measured, and the no-op ceiling comes
 * from this checkout's bench build.
 */
export function supportsBenchBuild(appDir: string): boolean {
  return fs.existsSync(path.join(appDir, 'app/api/bench/noop/route.bench.ts'));
}

/** The folder `next start` will serve for this kind of build. */
export function distDir(appDir: string, bench: boolean): string {
  return path.join(appDir, bench ? '.next-bench' : '.next');
}

/**
 * `npm run db:generate`, then `next build`, in `appDir`. Next.js rewrites next-env.d.ts to point
 * at the build folder it writes; the developer's copy is put back afterwards, so a bench build
 * never changes what `tsc` sees in the working tree.
 */
export async function buildApp(appDir: string, { bench, logFile }: { bench: boolean; logFile: string }): Promise<void> {
  const nextEnv = path.join(appDir, 'next-env.d.ts');
  const saved = fs.existsSync(nextEnv) ? fs.readFileSync(nextEnv) : undefined;
  const nextBin = createRequire(path.join(appDir, 'package.json')).resolve('next/dist/bin/next');
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...(bench ? BENCH_BUILD_ENV : {}) };
  try {
    await run('npm', ['run', '--silent', 'db:generate'], appDir, env, logFile);
    await run(process.execPath, [nextBin, 'build'], appDir, env, logFile);
  } finally {
    if (bench && saved !== undefined) fs.writeFileSync(nextEnv, saved);
    else if (bench) fs.rmSync(nextEnv, { force: true });
  }
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, logFile: string): Promise<void> {
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const log = fs.openSync(logFile, 'a');
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${path.basename(command)} ${args.join(' ')} failed in ${cwd} (${signal ?? `exit ${code}`}); see ${logFile}`));
    });
  });
}
