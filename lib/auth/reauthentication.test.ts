import type pg from 'pg';
import { describe, expect } from 'vitest';
import { ApiError } from '@/lib/api/errors';
import { db } from '@/lib/db/client';
import { sql } from '@/lib/db/sql';
import { appDatabaseTest } from '@/tools/db/app-database';
import { accountRow, ageReauthentication, asSession, sessionRow } from '@/tools/testing/account-rows';
import { refusal } from '@/tools/testing/refusal';
import { REAUTHENTICATION_WINDOW_SECONDS, requireRecentReauthentication, withRecentReauthentication } from './reauthentication';
import { liveSession } from './sessions';

const it = appDatabaseTest;

const secondsAgo = (seconds: number) => new Date(Date.now() - seconds * 1000);

describe('requireRecentReauthentication', () => {
  it('lets a session reauthenticated within the window through, and refuses one past it, one never reauthenticated and a revoked one', async () => {
    const { id: userId } = await accountRow();
    const within = await sessionRow(userId, { reauthenticatedAt: secondsAgo(REAUTHENTICATION_WINDOW_SECONDS - 30) });
    await expect(requireRecentReauthentication(asSession(within))).resolves.toBeUndefined();

    for (const stale of [
      await sessionRow(userId, { reauthenticatedAt: secondsAgo(REAUTHENTICATION_WINDOW_SECONDS + 30) }),
      await sessionRow(userId, { reauthenticatedAt: null }),
      await sessionRow(userId, { revokedAt: new Date() }),
    ]) {
      const error = await refusal(requireRecentReauthentication(asSession(stale)));
      expect([error.code, error.status, error.message]).toEqual(['REAUTHENTICATION_REQUIRED', 403, "Confirm it's you first: sign in again with your passkey or password."]);
    }
  });

  it("counts only the session's own proof: another session of the account, or of another account, does not lend it", async () => {
    const { id: userId } = await accountRow();
    const fresh = await sessionRow(userId);
    const stale = await sessionRow(userId, { reauthenticatedAt: null });
    expect((await refusal(requireRecentReauthentication(asSession(stale)))).code).toBe('REAUTHENTICATION_REQUIRED');
    const other = await accountRow();
    expect((await refusal(requireRecentReauthentication({ userId: other.id, sessionId: fresh.id }))).code).toBe('REAUTHENTICATION_REQUIRED');
  });

  it('is NOT_SIGNED_IN once the account is gone', async () => {
    const { id: userId } = await accountRow();
    const session = await sessionRow(userId);
    await db.user.delete({ where: { id: userId } });
    expect((await refusal(requireRecentReauthentication(asSession(session)))).code).toBe('NOT_SIGNED_IN');
  });

  it('is measured by the database clock: the tests age it there', async () => {
    const { id: userId } = await accountRow();
    const session = await sessionRow(userId);
    await ageReauthentication(session.id);
    expect((await refusal(requireRecentReauthentication(asSession(session)))).code).toBe('REAUTHENTICATION_REQUIRED');
  });
});

const rename = (userId: string, name: string) => (tx: pg.PoolClient) => sql('rename-for-test', 'UPDATE users SET display_name = $2 WHERE id = $1::uuid', [userId, name], tx);

describe('withRecentReauthentication', () => {
  it('runs the change for a fresh session; for a stale one it refuses before the change runs, and writes nothing', async () => {
    const { id: userId } = await accountRow();
    const session = await sessionRow(userId);

    await withRecentReauthentication(asSession(session), rename(userId, 'Changed'));
    expect((await db.user.findUniqueOrThrow({ where: { id: userId } })).displayName).toBe('Changed');

    await ageReauthentication(session.id);
    expect((await refusal(withRecentReauthentication(asSession(session), rename(userId, 'Stale')))).code).toBe('REAUTHENTICATION_REQUIRED');
    expect((await db.user.findUniqueOrThrow({ where: { id: userId } })).displayName).toBe('Changed');
  });

  it('rolls back what the change wrote when it refuses afterwards', async () => {
    const { id: userId } = await accountRow();
    const session = await sessionRow(userId);
    const error = await refusal(
      withRecentReauthentication(asSession(session), async (tx) => {
        await rename(userId, 'Half done')(tx);
        throw new ApiError('LAST_SIGN_IN_METHOD');
      }),
    );
    expect(error.code).toBe('LAST_SIGN_IN_METHOD');
    expect((await db.user.findUniqueOrThrow({ where: { id: userId } })).displayName).not.toBe('Half done');
  });
});

describe('liveSession', () => {
  it('says until when the session may make sensitive changes, and null when it may not', async () => {
    const { id: userId } = await accountRow();
    const fresh = await sessionRow(userId);
    const until = (await liveSession(fresh.id, 'uk'))?.reauthenticatedUntil;
    expect(until?.getTime()).toBeCloseTo((fresh.reauthenticatedAt?.getTime() ?? 0) + REAUTHENTICATION_WINDOW_SECONDS * 1000, -3);
    await ageReauthentication(fresh.id);
    expect(await liveSession(fresh.id, 'uk')).toEqual({ reauthenticatedUntil: null });
    expect(await liveSession(fresh.id, 'jp')).toBeNull();
  });
});
