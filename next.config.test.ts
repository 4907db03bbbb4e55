import { randomBytes } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { cleanRun } from '@/tools/testing/clean-run';

/** next.config.ts loaded by Next's own loader for `phase`, with only `env`. */
async function loadNextConfig(phase: string, env: Record<string, string> = {}) {
  const run = await cleanRun('tools/testing/load-next-config.ts', [phase], { env, cwd: 'project' });
  return { ...run, config: run.code === 0 ? (JSON.parse(run.stdout) as { distDir: string; allowedDevOrigins: string[] }) : undefined };
}

describe('with no environment at all', () => {
  test('next dev loads: local development needs nothing', async () => {
    const { code, config } = await loadNextConfig('phase-development-server');
    expect(code).toBe(0);
    expect(config?.allowedDevOrigins).toContain('example.com');
  });

  test('next build loads off Vercel: npm test and npm run bench build like this', async () => {
    const { code, config } = await loadNextConfig('phase-production-build');
    expect(code).toBe(0);
    expect(config?.distDir).toBe('.next');
  });

  test('next start is refused, naming AUTH_SECRET and DATABASE_URL', async () => {
    const { code, stderr } = await loadNextConfig('phase-production-server');
    expect(code).toBe(1);
    expect(stderr).toContain('The environment is not ready for next start');
    expect(stderr).toContain('AUTH_SECRET is not set');
    expect(stderr).toContain('DATABASE_URL is not set');
  });
});

test('next build on Vercel is refused without AUTH_SECRET and DATABASE_URL', async () => {
  const { code, stderr } = await loadNextConfig('phase-production-build', { VERCEL: '1', VERCEL_ENV: 'production' });
  expect(code).toBe(1);
  expect(stderr).toContain('The environment is not ready for next build on Vercel');
  expect(stderr).toContain('AUTH_SECRET is not set (a build on Vercel goes live)');
  expect(stderr).toContain('DATABASE_URL is not set');
});

test('next build on Vercel with both set loads', async () => {
  const env = { VERCEL: '1', VERCEL_ENV: 'production', AUTH_SECRET: randomBytes(32).toString('base64'), DATABASE_URL: 'postgresql://u:p@ep-x-pooler.neon.tech/db?sslmode=require' };
  expect((await loadNextConfig('phase-production-build', env)).code).toBe(0);
});

test('the bench build goes to its own folder', async () => {
  const { config } = await loadNextConfig('phase-production-build', { ATLAS_BENCH_BUILD: '1' });
  expect(config?.distDir).toBe('.next-bench');
});

test('a preview site configuration is refused on a production deployment', async () => {
  const env = { ATLAS_SITE_CONFIG: 'vercel-preview', VERCEL_ENV: 'production', VERCEL_URL: 'a-1.vercel.app', VERCEL_BRANCH_URL: 'a-git-b.vercel.app' };
  const { code, stderr } = await loadNextConfig('phase-development-server', env);
  expect(code).toBe(1);
  expect(stderr).toContain('ATLAS_SITE_CONFIG=vercel-preview is set on a production deployment');
});
