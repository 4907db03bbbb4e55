import { randomBytes } from 'node:crypto';
import { expect, test } from 'vitest';
import { cleanRun } from '@/tools/testing/clean-run';

// `npm start` is tools/serve.ts --mode production. Each run here has no environment but what it
// is given and no build: the refusal must come before anything is started or needed.

test('refuses to start without AUTH_SECRET and DATABASE_URL, saying how to set each', async () => {
  const run = await cleanRun('tools/serve.ts', ['--mode', 'production']);
  expect(run.code).toBe(1);
  expect(run.stderr).toContain('The environment is not ready for npm start (production)');
  expect(run.stderr).toContain('AUTH_SECRET is not set (a production start never makes one up');
  expect(run.stderr).toContain('`openssl rand -base64 32`');
  expect(run.stderr).toContain('Project → Settings → Environment Variables');
  expect(run.stderr).toContain('DATABASE_URL is not set');
  expect(run.stderr).toContain('ATLAS_EMBEDDED_DATABASE=1');
  // Nothing was started: no database line, no Next.js.
  expect(run.stdout).not.toContain('Database');
});

test('refuses an AUTH_SECRET under 32 bytes', async () => {
  const run = await cleanRun('tools/serve.ts', ['--mode', 'production'], {
    env: { AUTH_SECRET: randomBytes(24).toString('base64'), DATABASE_URL: 'postgresql://atlas@db.example.net/atlas' },
  });
  expect(run.code).toBe(1);
  expect(run.stderr).toContain('AUTH_SECRET is 24 bytes; at least 32 random bytes are needed');
  expect(run.stderr).not.toContain('DATABASE_URL');
});

test('with a secret but no DATABASE_URL, names the embedded-database opt-in', async () => {
  const run = await cleanRun('tools/serve.ts', ['--mode', 'production'], { env: { AUTH_SECRET: randomBytes(32).toString('base64') } });
  expect(run.code).toBe(1);
  expect(run.stderr).not.toContain('AUTH_SECRET');
  expect(run.stderr).toContain('DATABASE_URL is not set (a production start uses the embedded PostgreSQL only when ATLAS_EMBEDDED_DATABASE=1 says so');
});
