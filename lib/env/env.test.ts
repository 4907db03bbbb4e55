import { afterEach, expect, test, vi } from 'vitest';
import { env } from './env';
import { EnvError } from './variables';

afterEach(() => {
  vi.unstubAllEnvs();
});

test('reads each variable typed, with its default, and again when it changes', () => {
  vi.stubEnv('DATABASE_POOL_SIZE', undefined);
  expect(env.DATABASE_POOL_SIZE).toBe(10);
  vi.stubEnv('DATABASE_POOL_SIZE', '3');
  expect(env.DATABASE_POOL_SIZE).toBe(3);
  vi.stubEnv('TRUSTED_CLIENT_IP_HEADER', 'X-Forwarded-For');
  expect(env.TRUSTED_CLIENT_IP_HEADER).toBe('x-forwarded-for');
});

test('an invalid value throws an EnvError naming the variable', () => {
  vi.stubEnv('RATE_LIMIT_FACTOR', '-2');
  expect(() => env.RATE_LIMIT_FACTOR).toThrow(EnvError);
  expect(() => env.RATE_LIMIT_FACTOR).toThrow(/RATE_LIMIT_FACTOR must be above 0/);
});
