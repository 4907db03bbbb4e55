import { randomBytes, randomUUID } from 'node:crypto';
import { newSessionId } from '@/lib/auth/sessions';
import { db } from '@/lib/db/client';

// Rows that unit tests of the account features start from, written straight to the test's
// database: what the ceremonies would have left, without running them.

const CHROME_ON_MAC = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';

/** An account, with a password hash (any string: nothing here checks it) or without. */
export async function accountRow({ passwordHash = null, siteId = 'uk' }: { passwordHash?: string | null; siteId?: string } = {}) {
  const username = `t${randomBytes(5).toString('hex')}`;
  return db.user.create({
    data: { username, usernameKey: username, displayName: `Display ${username}`, webauthnUserId: randomBytes(32).toString('base64url'), passwordHash, createdOnSite: siteId },
  });
}

export async function passkeyRow(userId: string, { name = 'Phone', siteId = 'uk' }: { name?: string; siteId?: string } = {}) {
  return db.passkey.create({
    data: { id: randomBytes(16).toString('base64url'), userId, publicKey: new Uint8Array([1]), deviceType: 'multiDevice', backedUp: true, aaguid: randomUUID(), name, createdOnSite: siteId, transports: ['internal', 'hybrid'] },
  });
}

/**
 * A session of the account, live unless told otherwise, reauthenticated just now unless told
 * otherwise (as every sign-in leaves it); `reauthenticatedAt: null` for a session that never was.
 */
export async function sessionRow(
  userId: string,
  data: { siteId?: string; userAgent?: string | null; passkeyId?: string; reauthenticatedAt?: Date | null; createdAt?: Date; lastSeenAt?: Date; revokedAt?: Date; expiresAt?: Date } = {},
) {
  return db.session.create({
    data: {
      id: newSessionId(),
      userId,
      siteId: 'uk',
      userAgent: CHROME_ON_MAC,
      expiresAt: new Date(Date.now() + 86400_000),
      ...data,
      reauthenticatedAt: data.reauthenticatedAt === undefined ? new Date() : data.reauthenticatedAt,
    },
  });
}

/** The session as a request carries it (AccountSession). */
export const asSession = (row: { id: string; userId: string }) => ({ userId: row.userId, sessionId: row.id });

/**
 * Moves a session's reauthentication six minutes into the past, by the database's clock (as the
 * window is measured), as e2e/db.ts ageReauthentication does: the window has run out, without waiting.
 */
export async function ageReauthentication(sessionId: string): Promise<void> {
  await db.$executeRaw`UPDATE sessions SET reauthenticated_at = now() - interval '6 minutes' WHERE id = ${sessionId}`;
}
