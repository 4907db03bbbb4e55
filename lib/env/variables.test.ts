import { randomBytes } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { authSecretBytes, parseVariable, VARIABLES, type VariableName } from './variables';

describe('authSecretBytes', () => {
  test('counts base64 and base64url text as the bytes it decodes to', () => {
    // What `openssl rand -base64 32` and `npx auth secret` print: 44 characters with one "=".
    expect(authSecretBytes(randomBytes(32).toString('base64'))).toBe(32);
    // What tools/auth-secret.ts and the test stack make: 43 characters, no padding.
    expect(authSecretBytes(randomBytes(32).toString('base64url'))).toBe(32);
    expect(authSecretBytes(randomBytes(31).toString('base64'))).toBe(31);
    // 32 letters look long enough but carry 24 bytes at most.
    expect(authSecretBytes('a'.repeat(32))).toBe(24);
    // `openssl rand -hex 32` (Auth.js's other suggestion) is within the alphabet: 64 × 6 bits.
    expect(authSecretBytes(randomBytes(32).toString('hex'))).toBe(48);
  });

  test('counts any other text as its UTF-8 bytes', () => {
    expect(authSecretBytes('correct horse battery staple!!!!')).toBe(32);
    expect(authSecretBytes('パスキー')).toBe(12);
  });
});

/** Every bad value the rules must refuse, with the words its message must hold. */
const BAD: { name: VariableName; value: string; says: RegExp }[] = [
  { name: 'DATABASE_URL', value: 'mysql://user@host/db', says: /PostgreSQL connection string/ },
  { name: 'DATABASE_URL', value: 'postgres:/nohost', says: /PostgreSQL connection string/ },
  { name: 'DATABASE_URL_UNPOOLED', value: 'not a url', says: /PostgreSQL connection string/ },
  { name: 'DATABASE_POOL_SIZE', value: '0', says: /at least 1/ },
  { name: 'DATABASE_POOL_SIZE', value: 'ten', says: /whole number/ },
  { name: 'DATABASE_POOL_SIZE', value: '101', says: /at most 100/ },
  { name: 'ATLAS_EMBEDDED_DATABASE', value: 'yes', says: /1 \(on\) or 0 \(off\)/ },
  { name: 'AUTH_SECRET', value: randomBytes(24).toString('base64'), says: /is 24 bytes; at least 32/ },
  { name: 'TRUSTED_CLIENT_IP_HEADER', value: 'x-forwarded-for, x-real-ip', says: /header name/ },
  { name: 'RATE_LIMIT_FACTOR', value: '0', says: /above 0/ },
  { name: 'RATE_LIMIT_FACTOR', value: 'many', says: /number/ },
  { name: 'PASSWORD_THROTTLE_WINDOW_SECONDS', value: '86401', says: /at most 86400/ },
  { name: 'PORT', value: '70000', says: /at most 65535/ },
  { name: 'EDGE_PORT', value: '-1', says: /whole number/ },
  { name: 'ATLAS_EDGE_PROXY_URL', value: '127.0.0.1:3443', says: /URL/ },
  { name: 'ATLAS_EDGE_SPKI', value: 'not base64!', says: /base64/ },
  { name: 'ATLAS_BENCH_BUILD', value: 'true', says: /1 \(on\) or 0 \(off\)/ },
  { name: 'ATLAS_SITE_CONFIG', value: 'preview', says: /default or vercel-preview/ },
  { name: 'NODE_ENV', value: 'staging', says: /development, production or test/ },
  { name: 'VERCEL_ENV', value: 'staging', says: /production, preview or development/ },
  { name: 'VERCEL_URL', value: 'https://my-app.vercel.app', says: /bare hostname/ },
  { name: 'VERCEL_BRANCH_URL', value: 'my-app.vercel.app/', says: /bare hostname/ },
];

test.each(BAD)('$name=$value is refused with a message naming it, why and how to set it', ({ name, value, says }) => {
  const parsed = parseVariable(name, { [name]: value });
  if (!('problem' in parsed)) throw new Error(`${name}=${value} was accepted as ${String(parsed.value)}`);
  expect(parsed.problem.name).toBe(name);
  expect(parsed.problem.message).toMatch(new RegExp(`^${name} `));
  expect(parsed.problem.message).toMatch(says);
  expect(parsed.problem.message).toContain(`It is read because ${VARIABLES[name].why}`);
  expect(parsed.problem.message).toContain(`Set it: ${VARIABLES[name].set}`);
});

test('every variable refuses some value', () => {
  const covered = new Set(BAD.map((bad) => bad.name));
  expect((Object.keys(VARIABLES) as VariableName[]).filter((name) => !covered.has(name))).toEqual(['VERCEL']);
  // Vercel sets VERCEL to 1; any other value is a hand-made mistake worth naming.
  expect(parseVariable('VERCEL', { VERCEL: 'true' })).toHaveProperty('problem.name', 'VERCEL');
});

test('an unset or empty variable takes its default', () => {
  const defaults: Partial<Record<VariableName, unknown>> = {
    DATABASE_URL: undefined,
    DATABASE_POOL_SIZE: 10,
    ATLAS_EMBEDDED_DATABASE: false,
    AUTH_SECRET: undefined,
    RATE_LIMIT_FACTOR: 1,
    PASSWORD_THROTTLE_WINDOW_SECONDS: 900,
    PORT: 3000,
    EDGE_PORT: 3443,
    ATLAS_BENCH_BUILD: false,
    ATLAS_SITE_CONFIG: 'default',
    VERCEL: false,
  };
  for (const [name, value] of Object.entries(defaults) as [VariableName, unknown][]) {
    expect(parseVariable(name, {}), name).toEqual({ value });
    expect(parseVariable(name, { [name]: '' }), `${name}=""`).toEqual({ value });
  }
});

test('valid values come out typed', () => {
  expect(parseVariable('DATABASE_POOL_SIZE', { DATABASE_POOL_SIZE: '3' })).toEqual({ value: 3 });
  expect(parseVariable('ATLAS_EMBEDDED_DATABASE', { ATLAS_EMBEDDED_DATABASE: '1' })).toEqual({ value: true });
  expect(parseVariable('RATE_LIMIT_FACTOR', { RATE_LIMIT_FACTOR: '0.5' })).toEqual({ value: 0.5 });
  expect(parseVariable('TRUSTED_CLIENT_IP_HEADER', { TRUSTED_CLIENT_IP_HEADER: 'X-Forwarded-For' })).toEqual({ value: 'x-forwarded-for' });
  const neon = 'postgresql://alex:AbC123dEf@ep-cool-darkness-a1b2c3d4-pooler.us-east-2.aws.neon.tech/dbname?sslmode=require&channel_binding=require';
  expect(parseVariable('DATABASE_URL', { DATABASE_URL: neon })).toEqual({ value: neon });
});

test('.env.example describes every variable', async () => {
  const { readFile } = await import('node:fs/promises');
  const example = await readFile(new URL('../../.env.example', import.meta.url), 'utf8');
  const missing = (Object.keys(VARIABLES) as VariableName[]).filter((name) => !new RegExp(`\\b${name}\\b`).test(example));
  expect(missing).toEqual([]);
});
