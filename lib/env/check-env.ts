// Relative imports only: next.config.ts loads this file (see variables.ts).
import { EnvError, missingMessage, parseVariable, VARIABLES, type AppEnv, type EnvProblem, type EnvSource, type VariableName } from './variables';

/**
 * What is starting, which decides what must be set:
 * - `dev`: `next dev`, `npm run dev`. Nothing: tools/serve.ts makes the secret and the database.
 * - `build`: `next build`. Only on Vercel (VERCEL=1) must AUTH_SECRET and DATABASE_URL be set,
 *   because there a build that succeeds goes live. Anywhere else a build is not a start: `npm
 *   test` and `npm run bench` build on machines with no environment at all, and what starts the
 *   build later (`next start`, `npm start`, the test stack) is checked then.
 * - `next-start`: `next start` itself. AUTH_SECRET and DATABASE_URL: nothing starts a database
 *   for it (tools/serve.ts and tools/instances pass both).
 * - `serve-production`: `npm start` (tools/serve.ts --mode production), checked before it starts
 *   anything. AUTH_SECRET, never made up here; DATABASE_URL, unless ATLAS_EMBEDDED_DATABASE=1
 *   opts in to the embedded PostgreSQL, which it then starts and passes on as DATABASE_URL.
 * - `migrate`: `npm run db:migrate`. On Vercel DATABASE_URL, since no embedded server can run
 *   there; elsewhere nothing, as it falls back to the embedded dev database.
 */
export type Stage = 'dev' | 'build' | 'next-start' | 'serve-production' | 'migrate';

const WHERE: Record<Stage, string> = {
  dev: 'development',
  build: 'next build',
  'next-start': 'next start',
  'serve-production': 'npm start (production)',
  migrate: 'npm run db:migrate',
};

/** The stage a Next.js config phase (next/constants) is. */
export function stageForPhase(phase: string): Stage {
  if (phase === 'phase-production-build') return 'build';
  if (phase === 'phase-production-server') return 'next-start';
  return 'dev';
}

/**
 * Validates every variable the app reads, then what `stage` requires, and returns the typed
 * environment; throws one EnvError listing every problem, each naming its variable, why it is
 * needed and how to set it.
 */
export function checkEnv(source: EnvSource, stage: Stage): AppEnv {
  const problems: EnvProblem[] = [];
  const values: Partial<Record<VariableName, unknown>> = {};
  for (const name of Object.keys(VARIABLES) as VariableName[]) {
    const parsed = parseVariable(name, source);
    if ('problem' in parsed) problems.push(parsed.problem);
    else values[name] = parsed.value;
  }
  const env = values as AppEnv;
  // A missing variable is reported only when it is not already reported as invalid.
  const invalid = new Set(problems.map((problem) => problem.name));
  for (const problem of requirementProblems(env, stage)) if (!invalid.has(problem.name)) problems.push(problem);
  if (problems.length > 0) throw new EnvError(problems, stageDescription(source, stage));
  return env;
}

function stageDescription(source: EnvSource, stage: Stage): string {
  return (stage === 'build' || stage === 'migrate') && source.VERCEL === '1' ? `${WHERE[stage]} on Vercel` : WHERE[stage];
}

function requirementProblems(env: AppEnv, stage: Stage): EnvProblem[] {
  const problems: EnvProblem[] = [];
  const require = (name: 'AUTH_SECRET' | 'DATABASE_URL', because?: string) => {
    if (env[name] === undefined) problems.push({ name, message: missingMessage(name, because) });
  };
  switch (stage) {
    case 'dev':
      break;
    case 'build':
      if (!env.VERCEL) break;
      require('AUTH_SECRET', 'a build on Vercel goes live');
      require('DATABASE_URL', 'a build on Vercel goes live, and no embedded database can run there');
      break;
    case 'next-start':
      require('AUTH_SECRET');
      require('DATABASE_URL');
      break;
    case 'serve-production':
      require('AUTH_SECRET', 'a production start never makes one up: every instance must share it');
      if (!env.ATLAS_EMBEDDED_DATABASE) {
        require(
          'DATABASE_URL',
          'a production start uses the embedded PostgreSQL only when ATLAS_EMBEDDED_DATABASE=1 says so, since its data would stay on this one machine',
        );
      }
      break;
    case 'migrate':
      if (env.VERCEL) require('DATABASE_URL', 'no embedded database can run on Vercel');
      break;
  }
  if (env.VERCEL && env.ATLAS_EMBEDDED_DATABASE) {
    problems.push({ name: 'ATLAS_EMBEDDED_DATABASE', message: 'ATLAS_EMBEDDED_DATABASE=1 cannot work on Vercel: no PostgreSQL can run inside a function. Remove it and set DATABASE_URL.' });
  }
  return problems;
}
