import 'server-only';
import { z } from 'zod';
import { parseUsername } from '@/lib/accounts/username';
import type { SessionToken } from '@/lib/auth/session-cookie';
import { newSessionId } from '@/lib/auth/sessions';
import type { Site } from '@/lib/sites/schema';
import { invalidPassword } from './invalid-password';
import { checkPassword } from './password-check';
import { impossiblePassword } from './password-rules';
import { findPasswordAccount, recordPasswordSignIn } from './password-store';

export const passwordSignInBody = z.strictObject({
  username: z.string().max(256),
  password: z.string().max(1024),
});

export interface PasswordSignInInput<Cookie> {
  site: Site;
  body: z.output<typeof passwordSignInBody>;
  /** The client's address (lib/rate-limit/client-address.ts), if the deployment names its header. */
  clientAddress: string | undefined;
  userAgent: string | null;
  /** Encodes the new session for the browser (the cookie); started while the session is stored. */
  issueSession: (session: SessionToken) => Promise<Cookie>;
  /** The session this browser holds on this site, if any: a new sign-in ends it. */
  previousSessionId: string | undefined;
  /** The browser's binding, if it has one, stored on the session (sessions.binding_hash). */
  bindingHash?: string;
}

export interface PasswordSignInResult<Cookie> {
  user: { id: string; username: string; displayName: string };
  /** Whether the account has a passkey: the page offers to make one only when it has none. */
  hasPasskey: boolean;
  cookie: Cookie;
}

/**
 * Signs in with a username and password on this site. A wrong password, an unknown username and
 * a passkey-only account are one answer, INVALID_CREDENTIALS, after the same work (a hash is
 * checked in every case), so neither the answer nor its timing tells whether a username exists.
 * Attempts are throttled per account and per address (checkPassword). Failures are recorded as
 * sign-in attempts.
 */
export async function passwordSignIn<Cookie>({
  site,
  body,
  clientAddress,
  userAgent,
  issueSession,
  previousSessionId,
  bindingHash,
}: PasswordSignInInput<Cookie>): Promise<PasswordSignInResult<Cookie>> {
  const username = parseUsername(body.username);
  const impossible = impossiblePassword(body.password);
  if (impossible) throw invalidPassword(impossible);

  const { account, refuse, forgive } = await checkPassword({
    site,
    usernameKey: username.key,
    clientAddress,
    password: body.password,
    loadAccount: () => findPasswordAccount(username.key),
  });
  const sessionId = newSessionId();
  const cookie = issueSession({ sub: account.id, name: account.username, sid: sessionId });
  // Awaited only on success; a refusal below must not leave it rejecting unobserved.
  cookie.catch(() => undefined);
  const opened = await recordPasswordSignIn({
    userId: account.id,
    passwordHash: account.passwordHash,
    session: { id: sessionId, siteId: site.id, userAgent, previousSessionId, bindingHash },
  });
  if (!opened) return refuse();
  await forgive();
  return {
    user: { id: account.id, username: account.username, displayName: account.displayName },
    hasPasskey: account.hasPasskey,
    cookie: await cookie,
  };
}
