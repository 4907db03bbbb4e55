import 'server-only';
import { ApiError } from '@/lib/api/errors';
import { countAttempt, forgiveAttempt } from '@/lib/rate-limit/rate-limit';
import type { Site } from '@/lib/sites/schema';
import { recordFailedSignIn } from '@/lib/webauthn/sign-in-store';
import { passwordMatches } from './password-hash';

export interface PasswordCheckInput<Account extends { id: string; passwordHash: string | null }> {
  site: Site;
  /** The account's username key: failures are counted per account under it. */
  usernameKey: string;
  /** The client's address (lib/rate-limit/client-address.ts), if the deployment names its header. */
  clientAddress: string | undefined;
  password: string;
  /** The account the password is for, loaded once the attempt is counted; null when there is none. */
  loadAccount: () => Promise<Account | null>;
}

export interface CheckedPassword<Account> {
  account: Account & { passwordHash: string };
  /** Refuses as a wrong password does, recording the attempt: for a success that could not be stored. */
  refuse: () => Promise<never>;
  /** Takes the attempt's count back, once the success is stored: only failures count. */
  forgive: () => Promise<void>;
}

/**
 * Checks a password under the throttle that every password check shares (sign-in, confirming
 * it's you): the attempt is counted per account and per address before the check, so a burst of
 * concurrent guesses cannot slip through together, and a throttled one is refused before it
 * learns anything. A missing account, one without a password and a wrong password are one
 * answer, INVALID_CREDENTIALS, after the same hashing work, recorded as a failed sign-in attempt.
 */
export async function checkPassword<Account extends { id: string; passwordHash: string | null }>({
  site,
  usernameKey,
  clientAddress,
  password,
  loadAccount,
}: PasswordCheckInput<Account>): Promise<CheckedPassword<Account>> {
  const attempt = await countAttempt([
    { limit: 'password:account', subject: usernameKey },
    { limit: 'password:address', subject: clientAddress },
  ]);
  const account = await loadAccount();
  const matches = await passwordMatches(password, account?.passwordHash ?? null);
  const refuse = async (): Promise<never> => {
    await recordFailedSignIn({ siteId: site.id, authenticatorAttachment: null, userId: account?.id, errorCode: 'INVALID_CREDENTIALS', method: 'password' });
    throw new ApiError('INVALID_CREDENTIALS');
  };
  if (!account?.passwordHash || !matches) return refuse();
  return { account: { ...account, passwordHash: account.passwordHash }, refuse, forgive: () => forgiveAttempt(attempt) };
}
