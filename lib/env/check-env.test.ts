import { randomBytes } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { checkEnv, stageForPhase, type Stage } from './check-env';
import { EnvError, type EnvSource } from './variables';

const SECRET = randomBytes(32).toString('base64');
const DATABASE_URL = 'postgresql://atlas:atlas@db.example.net:5432/atlas?sslmode=require';

/** The EnvError checkEnv throws, or a failure naming what it accepted. */
function refusal(source: EnvSource, stage: Stage): EnvError {
  try {
    checkEnv(source, stage);
  } catch (error) {
    if (error instanceof EnvError) return error;
    throw error;
  }
  throw new Error(`checkEnv accepted ${JSON.stringify(source)} for ${stage}`);
}

describe('development', () => {
  test('needs no environment at all', () => {
    const env = checkEnv({}, 'dev');
    expect(env).toMatchObject({ AUTH_SECRET: undefined, DATABASE_URL: undefined, PORT: 3000, DATABASE_POOL_SIZE: 10 });
  });

  test('still refuses an invalid value, such as a short AUTH_SECRET', () => {
    const error = refusal({ AUTH_SECRET: 'short' }, 'dev');
    expect(error.problems.map((p) => p.name)).toEqual(['AUTH_SECRET']);
    expect(error.message).toContain('The environment is not ready for development');
  });
});

describe('next build', () => {
  test('off Vercel needs nothing: npm test and npm run bench build with no environment', () => {
    expect(() => checkEnv({ NODE_ENV: 'production' }, 'build')).not.toThrow();
  });

  test('on Vercel refuses without AUTH_SECRET and DATABASE_URL, naming both and where to set them', () => {
    const error = refusal({ VERCEL: '1', VERCEL_ENV: 'production' }, 'build');
    expect(error.problems.map((p) => p.name)).toEqual(['AUTH_SECRET', 'DATABASE_URL']);
    expect(error.message).toContain('The environment is not ready for next build on Vercel');
    expect(error.message).toContain('AUTH_SECRET is not set (a build on Vercel goes live)');
    expect(error.message).toContain('openssl rand -base64 32');
    expect(error.message).toContain('Project → Settings → Environment Variables');
    expect(error.message).toMatch(/DATABASE_URL is not set .*pooled connection string/);
  });

  test('on Vercel refuses the embedded database, which cannot run there', () => {
    const error = refusal({ VERCEL: '1', AUTH_SECRET: SECRET, DATABASE_URL, ATLAS_EMBEDDED_DATABASE: '1' }, 'build');
    expect(error.problems.map((p) => p.name)).toEqual(['ATLAS_EMBEDDED_DATABASE']);
  });

  test('on Vercel with both set goes on', () => {
    expect(checkEnv({ VERCEL: '1', VERCEL_ENV: 'preview', AUTH_SECRET: SECRET, DATABASE_URL }, 'build')).toMatchObject({ VERCEL: true, DATABASE_URL });
  });
});

describe('npm start (tools/serve.ts --mode production)', () => {
  test('refuses without AUTH_SECRET, saying how to make one', () => {
    const error = refusal({ DATABASE_URL }, 'serve-production');
    expect(error.problems.map((p) => p.name)).toEqual(['AUTH_SECRET']);
    expect(error.message).toContain('AUTH_SECRET is not set (a production start never makes one up');
    expect(error.message).toContain('`openssl rand -base64 32`');
  });

  test('refuses an AUTH_SECRET under 32 bytes, and says how long it is', () => {
    const error = refusal({ DATABASE_URL, AUTH_SECRET: randomBytes(31).toString('base64url') }, 'serve-production');
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]?.message).toMatch(/^AUTH_SECRET is 31 bytes; at least 32/);
  });

  test('refuses without DATABASE_URL, naming the embedded-database opt-in', () => {
    const error = refusal({ AUTH_SECRET: SECRET }, 'serve-production');
    expect(error.problems.map((p) => p.name)).toEqual(['DATABASE_URL']);
    expect(error.message).toContain('only when ATLAS_EMBEDDED_DATABASE=1 says so');
  });

  test('takes the embedded database when ATLAS_EMBEDDED_DATABASE=1 opts in', () => {
    expect(checkEnv({ AUTH_SECRET: SECRET, ATLAS_EMBEDDED_DATABASE: '1' }, 'serve-production')).toMatchObject({ ATLAS_EMBEDDED_DATABASE: true });
  });

  test('lists every problem at once, an invalid value before a missing one', () => {
    const error = refusal({ AUTH_SECRET: 'x', PORT: 'http' }, 'serve-production');
    expect(error.problems.map((p) => p.name)).toEqual(['AUTH_SECRET', 'PORT', 'DATABASE_URL']);
  });
});

test('next start needs both, with or without the opt-in (nothing starts a database for it)', () => {
  expect(refusal({ ATLAS_EMBEDDED_DATABASE: '1' }, 'next-start').problems.map((p) => p.name)).toEqual(['AUTH_SECRET', 'DATABASE_URL']);
  expect(() => checkEnv({ AUTH_SECRET: SECRET, DATABASE_URL }, 'next-start')).not.toThrow();
});

test('db:migrate falls back to the embedded database off Vercel only', () => {
  expect(() => checkEnv({}, 'migrate')).not.toThrow();
  const error = refusal({ VERCEL: '1' }, 'migrate');
  expect(error.problems.map((p) => p.name)).toEqual(['DATABASE_URL']);
  expect(error.message).toContain('npm run db:migrate on Vercel');
});

test('Next.js phases map to stages', () => {
  expect(stageForPhase('phase-production-build')).toBe('build');
  expect(stageForPhase('phase-production-server')).toBe('next-start');
  expect(stageForPhase('phase-development-server')).toBe('dev');
});
