import 'server-only';
import { z } from 'zod';
import { parseDisplayName } from '@/lib/accounts/display-name';
import { parseUsername, type Username } from '@/lib/accounts/username';
import { ApiError } from '@/lib/api/errors';
import type { SessionToken } from '@/lib/auth/session-cookie';
import { newSessionId } from '@/lib/auth/sessions';
import type { Site } from '@/lib/sites/schema';
import { newWebAuthnUserId, usernameTaken } from '@/lib/webauthn/registration-store';
import { invalidPassword } from './invalid-password';
import { hashPassword } from './password-hash';
import { passwordProblem } from './password-rules';
import { createPasswordAccount } from './password-store';

export const passwordSignUpBody = z.strictObject({
  username: z.string().max(256),
  displayName: z.string().max(256).optional(),
  // Well above the rules' 128 characters, so a long password is told which rule it breaks; the
  // cap only stops a megabyte-sized string from being normalised and measured.
  password: z.string().max(1024),
});

/** A sign-up whose every field follows the rules. */
export interface PasswordSignUp {
  username: Username;
  displayName: string;
  password: string;
}

/** Checks the username, display name and password rules: a 422 naming the rule, before anything is counted or written. */
export function parsePasswordSignUp(body: z.output<typeof passwordSignUpBody>): PasswordSignUp {
  const username = parseUsername(body.username);
  const displayName = parseDisplayName(body.displayName) ?? username.display;
  const problem = passwordProblem(body.password, username.display);
  if (problem) throw invalidPassword(problem);
  return { username, displayName, password: body.password };
}

export interface PasswordSignUpInput {
  site: Site;
  signUp: PasswordSignUp;
  userAgent: string | null;
  /** The session this browser holds on this site, if any: the sign-up ends it. */
  previousSessionId: string | undefined;
  /** The browser's binding, if it has one, stored on the session (sessions.binding_hash). */
  bindingHash?: string;
}

export interface PasswordSignUpResult {
  user: { id: string; username: string; displayName: string };
  session: SessionToken;
}

/**
 * Creates a password account, signed in on this site. A taken username is refused before the
 * password is hashed, which holds 128 MiB for most of a second; one taken meanwhile is refused by
 * the insert itself.
 */
export async function passwordSignUp({ site, signUp, userAgent, previousSessionId, bindingHash }: PasswordSignUpInput): Promise<PasswordSignUpResult> {
  const { username, displayName } = signUp;
  if (await usernameTaken(username.key)) throw new ApiError('USERNAME_TAKEN', `The username "${username.display}" is already taken.`);
  const account = {
    username: username.display,
    usernameKey: username.key,
    displayName,
    webauthnUserId: newWebAuthnUserId(),
    passwordHash: await hashPassword(signUp.password),
  };
  const sessionId = newSessionId();
  const userId = await createPasswordAccount(account, { id: sessionId, siteId: site.id, userAgent, previousSessionId, bindingHash });
  return {
    user: { id: userId, username: username.display, displayName },
    session: { sub: userId, name: username.display, sid: sessionId },
  };
}
