import 'server-only';
import { z } from 'zod';
import { ApiError } from '@/lib/api/errors';
import type { AccountSession } from '@/lib/auth/reauthentication';
import type { Site } from '@/lib/sites/schema';
import { invalidPassword } from './invalid-password';
import { checkPassword } from './password-check';
import { impossiblePassword } from './password-rules';
import { findReauthenticatingAccount, recordPasswordReauthentication } from './password-store';

export const passwordReauthenticationBody = z.strictObject({
  password: z.string().max(1024),
});

/**
 * Confirms it's the owner at this browser with the account's password, for an account that has
 * one, and marks this session, and only this one, as reauthenticated. Throttled and recorded
 * exactly as a password sign-in is (checkPassword): a stolen session cannot guess the password
 * any faster here than at the sign-in page. Returns until when the session may make sensitive
 * changes.
 */
export async function reauthenticateWithPassword({
  site,
  session,
  body,
  clientAddress,
}: {
  site: Site;
  session: AccountSession;
  body: z.output<typeof passwordReauthenticationBody>;
  clientAddress: string | undefined;
}): Promise<Date> {
  const impossible = impossiblePassword(body.password);
  if (impossible) throw invalidPassword(impossible);
  const account = await findReauthenticatingAccount(session.userId);
  if (!account) throw new ApiError('NOT_SIGNED_IN');
  // The signed-in owner knows whether there is a password, so saying so tells nobody anything.
  if (account.passwordHash === null) throw new ApiError('INVALID_CREDENTIALS', "This account has no password: confirm it's you with a passkey.");

  const { account: checked, refuse, forgive } = await checkPassword({
    site,
    usernameKey: account.usernameKey,
    clientAddress,
    password: body.password,
    loadAccount: () => Promise.resolve(account),
  });
  const recorded = await recordPasswordReauthentication({ userId: checked.id, sessionId: session.sessionId, passwordHash: checked.passwordHash });
  if (!recorded.passwordHeld) return refuse();
  await forgive();
  if (!recorded.reauthenticatedUntil) throw new ApiError('NOT_SIGNED_IN');
  return recorded.reauthenticatedUntil;
}
