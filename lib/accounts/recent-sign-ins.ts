import 'server-only';
import type { SignInMethod } from '@/lib/auth/sessions';
import { db } from '@/lib/db/client';

export interface SignInView {
  at: Date;
  siteId: string;
  method: SignInMethod;
  success: boolean;
  /** For a passkey: 'platform' (this device's own authenticator) or 'cross-platform' (a phone, a security key). */
  authenticatorAttachment: string | null;
}

/**
 * The account's latest sign-in attempts, newest first, successful or not, with the site and the
 * method: what the account page lists, so its owner can spot an attempt that was not theirs.
 */
export async function recentSignIns(userId: string, limit = 10): Promise<SignInView[]> {
  const events = await db.signInEvent.findMany({
    where: { userId },
    orderBy: { at: 'desc' },
    take: limit,
    select: { at: true, siteId: true, method: true, success: true, authenticatorAttachment: true },
  });
  return events.map((event) => ({ ...event, method: event.method === 'password' ? 'password' : 'passkey' }));
}
