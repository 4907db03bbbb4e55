import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, vi } from 'vitest';
import { ApiError } from '@/lib/api/errors';
import { db } from '@/lib/db/client';
import { SWEEP_BATCH } from '@/lib/db/sweeps';
import { RATE_LIMITS } from '@/lib/rate-limit/limits';
import { rateLimitKey, type Hit } from '@/lib/rate-limit/rate-limit';
import { appDatabaseTest } from '@/tools/db/app-database';
import { pinSweepTurns } from '@/tools/testing/sweep-turns';
import { consumeChallenge, storeChallenge } from './challenges';

const it = appDatabaseTest;

afterEach(() => {
  vi.restoreAllMocks();
});

const binding = 'b'.repeat(64);

async function stored(overrides: { siteId?: string; userId?: string; purpose?: 'authentication' | 'registration' } = {}): Promise<string> {
  const challenge = randomBytes(32).toString('base64url');
  await storeChallenge({ challenge, purpose: overrides.purpose ?? 'authentication', siteId: overrides.siteId ?? 'uk', bindingHash: binding, userId: overrides.userId });
  return challenge;
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ApiError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error.code;
}

const remaining = (challenge: string) => db.challenge.count({ where: { challenge } });

describe('consumeChallenge', () => {
  it('hands a challenge out once', async () => {
    const challenge = await stored();
    const input = { challenge, purpose: 'authentication', siteId: 'uk', bindingHash: binding } as const;
    await expect(consumeChallenge(input)).resolves.toMatchObject({ challenge, userId: null });
    expect(await refusal(consumeChallenge(input))).toBe('CHALLENGE_NOT_FOUND');
  });

  it('refuses another site, ceremony or browser and leaves the challenge in place', async () => {
    const challenge = await stored();
    const base = { challenge, purpose: 'authentication', siteId: 'uk', bindingHash: binding } as const;
    expect(await refusal(consumeChallenge({ ...base, siteId: 'shop' }))).toBe('CHALLENGE_SITE_MISMATCH');
    expect(await refusal(consumeChallenge({ ...base, purpose: 'registration' }))).toBe('CHALLENGE_PURPOSE_MISMATCH');
    expect(await refusal(consumeChallenge({ ...base, bindingHash: 'c'.repeat(64) }))).toBe('CHALLENGE_NOT_BOUND');
    expect(await refusal(consumeChallenge({ ...base, bindingHash: undefined }))).toBe('CHALLENGE_NOT_BOUND');
    expect(await remaining(challenge)).toBe(1);
    await expect(consumeChallenge(base)).resolves.toMatchObject({ challenge });
  });

  it('refuses an expired challenge without deleting it', async () => {
    const challenge = await stored();
    await db.challenge.update({ where: { challenge }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await refusal(consumeChallenge({ challenge, purpose: 'authentication', siteId: 'uk', bindingHash: binding }))).toBe('CHALLENGE_EXPIRED');
    expect(await remaining(challenge)).toBe(1);
  });

  it('binds a registration challenge to the account it was issued for', async () => {
    const userId = '00000000-0000-4000-8000-000000000001';
    const challenge = await stored({ userId });
    const base = { challenge, purpose: 'authentication', siteId: 'uk', bindingHash: binding } as const;
    expect(await refusal(consumeChallenge({ ...base, userId: null }))).toBe('NOT_SIGNED_IN');
    expect(await refusal(consumeChallenge({ ...base, userId: '00000000-0000-4000-8000-000000000002' }))).toBe('ACCOUNT_MISMATCH');
    await expect(consumeChallenge({ ...base, userId })).resolves.toMatchObject({ userId });
  });

  it('lets a sign-up challenge be used signed in or out', async () => {
    const signedIn = await stored();
    const base = { purpose: 'authentication', siteId: 'uk', bindingHash: binding } as const;
    await expect(consumeChallenge({ ...base, challenge: signedIn, userId: '00000000-0000-4000-8000-000000000003' })).resolves.toMatchObject({ userId: null });
    const signedOut = await stored();
    await expect(consumeChallenge({ ...base, challenge: signedOut, userId: null })).resolves.toMatchObject({ userId: null });
  });

  it('lets exactly one of many concurrent requests use a challenge', async () => {
    const challenge = await stored();
    const input = { challenge, purpose: 'authentication', siteId: 'uk', bindingHash: binding } as const;
    const outcomes = await Promise.allSettled(Array.from({ length: 8 }, () => consumeChallenge(input)));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect(await remaining(challenge)).toBe(0);
  });
});

describe('storeChallenge', () => {
  it('replaces the browser\'s pending challenge of the same ceremony, and only that one', async () => {
    const signUp = await stored({ purpose: 'registration' });
    const first = await stored();
    const second = await stored();
    expect(await remaining(first)).toBe(0);
    expect(await remaining(second)).toBe(1);
    expect(await remaining(signUp)).toBe(1);
    expect(await db.challenge.count({ where: { bindingHash: binding } })).toBe(2);
    expect(await refusal(consumeChallenge({ challenge: first, purpose: 'authentication', siteId: 'uk', bindingHash: binding }))).toBe('CHALLENGE_NOT_FOUND');
  });

  it('sweeps a bounded batch of challenges expired over a day ago on a sweep turn, none otherwise, and keeps recent ones', async () => {
    await db.challenge.deleteMany({});
    const day = 24 * 60 * 60 * 1000;
    const rows = (count: number, expiredAgoMs: number) =>
      Array.from({ length: count }, () => ({
        challenge: randomBytes(32).toString('base64url'),
        purpose: 'authentication' as const,
        siteId: 'uk',
        bindingHash: randomBytes(32).toString('hex'),
        expiresAt: new Date(Date.now() - expiredAgoMs),
      }));
    await db.challenge.createMany({ data: [...rows(SWEEP_BATCH + 16, 2 * day), ...rows(5, day / 2)] });
    const longExpired = () => db.challenge.count({ where: { expiresAt: { lt: new Date(Date.now() - day) } } });

    pinSweepTurns(false);
    await stored();
    expect(await longExpired()).toBe(SWEEP_BATCH + 16);
    pinSweepTurns(true);
    await stored();
    expect(await longExpired()).toBe(16);
    await stored({ purpose: 'registration' });
    expect(await longExpired()).toBe(0);
    // Expired for less than a day: kept, so a late answer is told "expired", not "not found".
    expect(await db.challenge.count({ where: { expiresAt: { lt: new Date() } } })).toBe(5);
  });
});

describe('storeChallenge with rate limits', () => {
  it('counts the start with the challenge; past the limit it refuses with 429, keeps the pending challenge and stores nothing new', async () => {
    const bindingHash = randomBytes(32).toString('hex');
    const address = `198.51.100.${randomBytes(4).toString('hex')}`;
    // The limit with the longest clock-aligned window and the fewest hits, so the test's few
    // milliseconds are very unlikely to straddle a window's end (which would start a new count).
    const limits = [{ limit: 'sign-up:binding', subject: bindingHash }, { limit: 'ceremony:address', subject: address }] satisfies Hit[];
    const store = (challenge: string) => storeChallenge({ challenge, purpose: 'authentication', siteId: 'uk', bindingHash }, limits);
    const pending = () => db.challenge.findMany({ where: { bindingHash }, select: { challenge: true } });
    const counted = async () => (await db.rateLimit.findUnique({ where: { key: rateLimitKey('sign-up:binding', bindingHash) } }))?.hits;

    const { limit } = RATE_LIMITS['sign-up:binding'];
    let last = '';
    for (let i = 0; i < limit; i++) {
      last = randomBytes(32).toString('base64url');
      await store(last);
    }
    expect(await pending()).toEqual([{ challenge: last }]);
    expect(await counted()).toBe(limit);

    const refused = await store(randomBytes(32).toString('base64url')).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(ApiError);
    expect(refused).toMatchObject({ code: 'RATE_LIMITED' });
    expect((refused as ApiError).retryAfterSeconds).toBeGreaterThan(0);
    expect(await pending()).toEqual([{ challenge: last }]);
    expect(await counted()).toBe(limit + 1);
  });

  it('without limits, counts nothing', async () => {
    const before = await db.rateLimit.count();
    await stored();
    expect(await db.rateLimit.count()).toBe(before);
  });
});

