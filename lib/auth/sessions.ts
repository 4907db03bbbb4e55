import 'server-only';
import { randomBytes } from 'node:crypto';
import { db } from '@/lib/db/client';

/** Sessions last as long as the Auth.js cookie that carries them. */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

/**
 * A new session id: 256 random bits. It leaves the server only inside the encrypted session
 * cookie, never in a body or anything page script can read.
 */
export function newSessionId(): string {
  return randomBytes(32).toString('base64url');
}

/** Whether a session still stands: not revoked, not expired. Checked on every auth(). */
export async function isSessionLive(sessionId: string): Promise<boolean> {
  const count = await db.session.count({ where: { id: sessionId, revokedAt: null, expiresAt: { gt: new Date() } } });
  return count === 1;
}

export async function revokeSession(sessionId: string): Promise<void> {
  await db.session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } });
}
