import { randomUUID } from 'node:crypto';
import { describe, expect } from 'vitest';
import { db } from '@/lib/db/client';
import { appDatabaseTest } from '@/tools/db/app-database';
import { isSessionLive, newSessionId, SESSION_IDLE_TIMEOUT_SECONDS } from './sessions';

const it = appDatabaseTest;

const ago = (seconds: number) => new Date(Date.now() - seconds * 1000);

async function session(overrides: { siteId?: string; lastSeenAt?: Date; revokedAt?: Date; expiresAt?: Date } = {}): Promise<string> {
  const user = await db.user.create({
    data: { username: randomUUID(), usernameKey: randomUUID(), displayName: 'S', webauthnUserId: randomUUID(), createdOnSite: 'uk' },
  });
  const id = newSessionId();
  await db.session.create({
    data: { id, userId: user.id, siteId: overrides.siteId ?? 'uk', expiresAt: overrides.expiresAt ?? new Date(Date.now() + 3600_000), ...overrides },
  });
  return id;
}

const lastSeen = async (id: string) => (await db.session.findUniqueOrThrow({ where: { id } })).lastSeenAt.getTime();

describe('isSessionLive', () => {
  it('holds on the site the session was made on, and nowhere else', async () => {
    const id = await session();
    expect(await isSessionLive(id, 'uk')).toBe(true);
    expect(await isSessionLive(id, 'jp')).toBe(false);
  });

  it('ends at revocation, at the maximum age and after the idle timeout', async () => {
    expect(await isSessionLive(await session({ revokedAt: new Date() }), 'uk')).toBe(false);
    expect(await isSessionLive(await session({ expiresAt: ago(1) }), 'uk')).toBe(false);
    expect(await isSessionLive(await session({ lastSeenAt: ago(SESSION_IDLE_TIMEOUT_SECONDS + 60) }), 'uk')).toBe(false);
    expect(await isSessionLive(await session({ lastSeenAt: ago(SESSION_IDLE_TIMEOUT_SECONDS - 60) }), 'uk')).toBe(true);
  });

  it('records activity to the minute, but at most once a minute', async () => {
    const stale = await session({ lastSeenAt: ago(90) });
    const before = await lastSeen(stale);
    await isSessionLive(stale, 'uk');
    expect(await lastSeen(stale)).toBeGreaterThan(before + 60_000);

    const fresh = await session({ lastSeenAt: ago(10) });
    const freshBefore = await lastSeen(fresh);
    await isSessionLive(fresh, 'uk');
    expect(await lastSeen(fresh)).toBe(freshBefore);
  });
});
