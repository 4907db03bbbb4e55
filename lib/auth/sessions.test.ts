import { randomUUID } from 'node:crypto';
import { describe, expect } from 'vitest';
import { db } from '@/lib/db/client';
import { appDatabaseTest } from '@/tools/db/app-database';
import { sql } from '@/lib/db/sql';
import { rowsReadBySweep } from '@/tools/testing/sweep-reads';
import { isSessionLive, newSessionId, SESSION_IDLE_TIMEOUT_SECONDS, SWEEP_ENDED_SESSIONS } from './sessions';

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

describe('SWEEP_ENDED_SESSIONS', () => {
  // VACUUM tells the planner the table's size; no ANALYZE: as in a young table, or one growing
  // faster than autovacuum analyzes it (a load), it has no statistics to tell that almost nothing
  // is due.
  it('reads only what it deletes, however many sessions are live (it rides on sign-ins)', async () => {
    const liveId = await session();
    const { userId } = await db.session.findUniqueOrThrow({ where: { id: liveId } });
    await sql(
      'many-live-sessions',
      `INSERT INTO sessions (id, user_id, site_id, expires_at) SELECT md5(random()::text) || g, $1::uuid, 'uk', now() + interval '1 day' FROM generate_series(1, 3000) g`,
      [userId],
    );
    await sql('vacuum-sessions', 'VACUUM sessions', []);
    const day = 86400;
    const due = await Promise.all([session({ revokedAt: ago(31 * day) }), session({ expiresAt: ago(31 * day) }), session({ lastSeenAt: ago(38 * day) })]);

    const read = await rowsReadBySweep(SWEEP_ENDED_SESSIONS, 'sessions');
    expect(await db.session.count({ where: { id: { in: due } } })).toBe(0);
    // The three due rows, each found by its index and deleted through the primary key; a
    // sequential scan would read the 3,000 live ones too.
    expect(read).toBeLessThan(20);
    expect(await rowsReadBySweep(SWEEP_ENDED_SESSIONS, 'sessions')).toBe(0);
  });
});

