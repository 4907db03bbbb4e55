import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, vi } from 'vitest';
import { ApiError } from '@/lib/api/errors';
import { db } from '@/lib/db/client';
import { SWEEP_BATCH } from '@/lib/db/sweeps';
import { appDatabaseTest } from '@/tools/db/app-database';
import { pinSweepTurns } from '@/tools/testing/sweep-turns';
import { RATE_LIMITS } from './limits';
import { countAttempt, enforceRateLimits, forgiveAttempt } from './rate-limit';

const it = appDatabaseTest;

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
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

  it('sweeps a batch of counters of windows over a day old on a sweep turn, none otherwise', async () => {
    await db.rateLimit.createMany({
      data: Array.from({ length: SWEEP_BATCH + 4 }, () => ({ key: `old:${randomUUID()}`, windowStart: new Date(Date.now() - 2 * 86400_000), hits: 1 })),
    });
    const old = () => db.rateLimit.count({ where: { key: { startsWith: 'old:' } } });
    pinSweepTurns(false);
    await enforceRateLimits([{ limit: 'ceremony:binding', subject: randomUUID() }]);
    expect(await old()).toBe(SWEEP_BATCH + 4);
    pinSweepTurns(true);
    await enforceRateLimits([{ limit: 'ceremony:binding', subject: randomUUID() }]);
    expect(await old()).toBe(4);
    await enforceRateLimits([{ limit: 'ceremony:binding', subject: randomUUID() }]);
    expect(await old()).toBe(0);
  });
});

describe('countAttempt and forgiveAttempt', () => {
  const hitsOf = async (key: string) => (await db.rateLimit.findUnique({ where: { key } }))?.hits;

  it('lets a subject fail up to its limit, then refuses without counting the refused attempt', async () => {
    const subject = randomUUID();
    const key = `password:account:${subject}`;
    const { limit, windowSeconds } = RATE_LIMITS['password:account'];
    for (let i = 0; i < limit; i++) await countAttempt([{ limit: 'password:account', subject }]);
    for (let i = 0; i < 3; i++) {
      const error = await refusal(countAttempt([{ limit: 'password:account', subject }]));
      expect(error?.code).toBe('RATE_LIMITED');
      expect(error?.retryAfterSeconds).toBeGreaterThan(0);
      expect(error?.retryAfterSeconds).toBeLessThanOrEqual(windowSeconds);
    }
    expect(await hitsOf(key)).toBe(limit);
  });

  it('takes back a forgiven attempt, so only failures stay counted', async () => {
    const subject = randomUUID();
    const key = `password:account:${subject}`;
    const { limit } = RATE_LIMITS['password:account'];
    for (let i = 0; i < limit - 1; i++) await countAttempt([{ limit: 'password:account', subject }]);
    await forgiveAttempt(await countAttempt([{ limit: 'password:account', subject }]));
    expect(await hitsOf(key)).toBe(limit - 1);
    await countAttempt([{ limit: 'password:account', subject }]);
    expect((await refusal(countAttempt([{ limit: 'password:account', subject }])))?.code).toBe('RATE_LIMITED');
  });

  it('refuses when any one of its limits has run out, and then counts none of them', async () => {
    const account = randomUUID();
    const address = randomUUID();
    for (let i = 0; i < RATE_LIMITS['password:account'].limit; i++) await countAttempt([{ limit: 'password:account', subject: account }]);
    const error = await refusal(countAttempt([{ limit: 'password:account', subject: account }, { limit: 'password:address', subject: address }]));
    expect(error?.code).toBe('RATE_LIMITED');
    expect(await hitsOf(`password:address:${address}`)).toBe(0);
  });

  it('opens a window at the first failure and keeps it however often a locked subject knocks', async () => {
    const subject = randomUUID();
    const key = `password:account:${subject}`;
    const { limit, windowSeconds } = RATE_LIMITS['password:account'];
    // Locked since a moment before the window ends.
    const almostOver = new Date(Date.now() - (windowSeconds - 2) * 1000);
    await db.rateLimit.create({ data: { key, windowStart: almostOver, hits: limit } });
    const error = await refusal(countAttempt([{ limit: 'password:account', subject }]));
    expect(error?.retryAfterSeconds).toBeLessThanOrEqual(2);
    expect((await db.rateLimit.findUniqueOrThrow({ where: { key } })).windowStart).toEqual(almostOver);

    // Once it has ended, the next attempt opens a new window with a count of one.
    await db.rateLimit.update({ where: { key }, data: { windowStart: new Date(Date.now() - windowSeconds * 1000 - 1) } });
    await countAttempt([{ limit: 'password:account', subject }]);
    const row = await db.rateLimit.findUniqueOrThrow({ where: { key } });
    expect(row.hits).toBe(1);
    expect(Date.now() - row.windowStart.getTime()).toBeLessThan(60_000);
  });

  it('forgives nothing in a window that has ended since the attempt was counted', async () => {
    const subject = randomUUID();
    const key = `password:account:${subject}`;
    const attempt = await countAttempt([{ limit: 'password:account', subject }]);
    await db.rateLimit.update({ where: { key }, data: { windowStart: new Date(Date.now() - 1000), hits: 3 } });
    await forgiveAttempt(attempt);
    expect(await hitsOf(key)).toBe(3);
  });

  it('scales the per-address limit by RATE_LIMIT_FACTOR, never the per-account one', async () => {
    vi.stubEnv('RATE_LIMIT_FACTOR', '0.1');
    const address = randomUUID();
    const addressLimit = RATE_LIMITS['password:address'].limit * 0.1;
    // Each attempt on another account, so only the address is counted twice.
    for (let i = 0; i < addressLimit; i++) await countAttempt([{ limit: 'password:address', subject: address }, { limit: 'password:account', subject: randomUUID() }]);
    expect((await refusal(countAttempt([{ limit: 'password:address', subject: address }])))?.code).toBe('RATE_LIMITED');

    const account = randomUUID();
    for (let i = 0; i < RATE_LIMITS['password:account'].limit; i++) await countAttempt([{ limit: 'password:account', subject: account }]);
    expect((await refusal(countAttempt([{ limit: 'password:account', subject: account }])))?.code).toBe('RATE_LIMITED');
  });
});
