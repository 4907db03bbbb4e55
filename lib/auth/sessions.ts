import { randomBytes } from 'node:crypto';
import { db } from '@/lib/db/client';
import type { Prisma } from '@/lib/generated/prisma/client';

/** Sessions last as long as the Auth.js cookie that carries them. */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

/**
 * A new session may be turned into a cookie only this soon after it was stored: the verify
 * route does it at once, and an old session id (say, from a log) cannot mint new cookies.
 */
const CLAIM_WINDOW_MS = 60 * 1000;

export interface NewSession {
  userId: string;
  siteId: string;
  passkeyId: string;
  userAgent: string | null;
}

/**
 * Stores a session inside the caller's transaction, next to the writes that justify it. The id
 * is 256 random bits; it leaves the server only inside the encrypted session cookie.
 */
export async function createSession(tx: Prisma.TransactionClient, session: NewSession): Promise<string> {
  const id = randomBytes(32).toString('base64url');
  await tx.session.create({
    data: {
      ...session,
      id,
      userAgent: session.userAgent?.slice(0, 512) ?? null,
      expiresAt: new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000),
    },
  });
  return id;
}

export interface SessionUser {
  id: string;
  name: string;
  sessionId: string;
}

/** The user of a just-created, live session: what Auth.js's authorize() turns into a cookie. */
export async function claimNewSession(sessionId: string): Promise<SessionUser | null> {
  const session = await db.session.findFirst({
    where: { id: sessionId, revokedAt: null, createdAt: { gt: new Date(Date.now() - CLAIM_WINDOW_MS) } },
    include: { user: { select: { id: true, username: true } } },
  });
  return session ? { id: session.user.id, name: session.user.username, sessionId: session.id } : null;
}

/** Whether a session still stands: not revoked, not expired. Checked on every auth(). */
export async function isSessionLive(sessionId: string): Promise<boolean> {
  const count = await db.session.count({ where: { id: sessionId, revokedAt: null, expiresAt: { gt: new Date() } } });
  return count === 1;
}

export async function revokeSession(sessionId: string): Promise<void> {
  await db.session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } });
}
