import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, vi } from 'vitest';
import { ApiError } from '@/lib/api/errors';
import { db } from '@/lib/db/client';
import { appDatabaseTest } from '@/tools/db/app-database';
import { RATE_LIMITS } from './limits';
import { enforceRateLimits } from './rate-limit';

const it = appDatabaseTest;

afterEach(() => {
  vi.unstubAllEnvs();
});

async function refusal(promise: Promise<unknown>): Promise<ApiError | undefined> {
  return promise.then(
    () => undefined,
    (e: unknown) => {
      if (e instanceof ApiError) return e;
      throw e;
    },
  );
}

describe('enforceRateLimits', () => {
  it('lets a subject reach its limit, then refuses with 429 and Retry-After within the window', async () => {
    const subject = randomUUID();
    const { limit, windowSeconds } = RATE_LIMITS['sign-up:binding'];
    for (let i = 0; i < limit; i++) await enforceRateLimits([{ limit: 'sign-up:binding', subject }]);
    const error = await refusal(enforceRateLimits([{ limit: 'sign-up:binding', subject }]));
    expect(error?.code).toBe('RATE_LIMITED');
    expect(error?.retryAfterSeconds).toBeGreaterThan(0);
    expect(error?.retryAfterSeconds).toBeLessThanOrEqual(windowSeconds);
    const response = error?.toResponse();
    expect(response?.status).toBe(429);
    expect(response?.headers.get('retry-after')).toBe(String(error?.retryAfterSeconds));
    // Another subject is counted apart.
    await expect(enforceRateLimits([{ limit: 'sign-up:binding', subject: randomUUID() }])).resolves.toBeUndefined();
  });

  it('counts every limit of a request, and refuses when any one is over', async () => {
    const address = randomUUID();
    for (let i = 0; i < RATE_LIMITS['sign-up:binding'].limit; i++) {
      await enforceRateLimits([{ limit: 'ceremony:address', subject: address }, { limit: 'sign-up:binding', subject: 'b' + address }]);
    }
    expect((await refusal(enforceRateLimits([{ limit: 'ceremony:address', subject: address }, { limit: 'sign-up:binding', subject: 'b' + address }])))?.code).toBe('RATE_LIMITED');
    const row = await db.rateLimit.findUniqueOrThrow({ where: { key: `ceremony:address:${address}` } });
    expect(row.hits).toBe(RATE_LIMITS['sign-up:binding'].limit + 1);
  });

  it('starts a new count in a new window', async () => {
    const subject = randomUUID();
    const key = `sign-up:binding:${subject}`;
    await db.rateLimit.create({ data: { key, windowStart: new Date(Date.now() - 3600_000), hits: 1000 } });
    await enforceRateLimits([{ limit: 'sign-up:binding', subject }]);
    expect((await db.rateLimit.findUniqueOrThrow({ where: { key } })).hits).toBe(1);
  });

  it('skips subjects it cannot name, and scales every limit by RATE_LIMIT_FACTOR', async () => {
    await expect(enforceRateLimits([{ limit: 'ceremony:address', subject: undefined }])).resolves.toBeUndefined();
    vi.stubEnv('RATE_LIMIT_FACTOR', '2');
    const subject = randomUUID();
    for (let i = 0; i < 2 * RATE_LIMITS['sign-up:binding'].limit; i++) await enforceRateLimits([{ limit: 'sign-up:binding', subject }]);
    expect((await refusal(enforceRateLimits([{ limit: 'sign-up:binding', subject }])))?.code).toBe('RATE_LIMITED');
  });

  it('sweeps counters of windows over a day old, a few per hit', async () => {
    await db.rateLimit.createMany({
      data: Array.from({ length: 20 }, () => ({ key: `old:${randomUUID()}`, windowStart: new Date(Date.now() - 2 * 86400_000), hits: 1 })),
    });
    const old = () => db.rateLimit.count({ where: { key: { startsWith: 'old:' } } });
    await enforceRateLimits([{ limit: 'ceremony:binding', subject: randomUUID() }]);
    expect(await old()).toBe(4);
    await enforceRateLimits([{ limit: 'ceremony:binding', subject: randomUUID() }]);
    expect(await old()).toBe(0);
  });
});
