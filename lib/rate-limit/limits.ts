import { env } from '@/lib/env/env';

/** A limit per subject and window; `scaled: false` keeps RATE_LIMIT_FACTOR from multiplying it. */
export interface Limit {
  limit: number;
  windowSeconds: number;
  scaled?: false;
}

/**
 * How long failed password sign-ins are remembered: 15 minutes, or PASSWORD_THROTTLE_WINDOW_SECONDS
 * (at most a day, the counters' retention). The end-to-end suite shortens it so a test can watch
 * a lockout end without waiting a quarter of an hour.
 */
const passwordWindowSeconds = env.PASSWORD_THROTTLE_WINDOW_SECONDS;

/**
 * Every rate limit, per subject and window. Generous enough for a workshop of people
 * behind one address, tight enough that a script cannot fill the challenge table, probe
 * usernames at speed, mint accounts by the thousand or guess passwords. Plain data, so tests and
 * docs can read it.
 */
export const RATE_LIMITS = {
  /** Ceremonies started (any options call), per client address. */
  'ceremony:address': { limit: 120, windowSeconds: 60 },
  /** Ceremonies started, per browser binding. */
  'ceremony:binding': { limit: 30, windowSeconds: 60 },
  /** Sign-ups started (each answers whether a username is taken), per client address. */
  'sign-up:address': { limit: 60, windowSeconds: 60 * 60 },
  /** Sign-ups started, per browser binding. */
  'sign-up:binding': { limit: 10, windowSeconds: 10 * 60 },
  /**
   * Failed password sign-ins per account. Not scaled: how many guesses one account can take
   * does not grow with the number of people sharing an address.
   */
  'password:account': { limit: 5, windowSeconds: passwordWindowSeconds, scaled: false },
  /** Browser-side errors reported to the ceremony log, per client address. */
  'log-report:address': { limit: 120, windowSeconds: 60 },
  /** Browser-side errors reported, per browser binding: a page reports one per failed ceremony. */
  'log-report:binding': { limit: 30, windowSeconds: 60 },
  /** Walkthrough links to another site made (each stores a token), per client address. */
  'handoff:address': { limit: 120, windowSeconds: 60 },
  /** Walkthrough links made, per browser binding. */
  'handoff:binding': { limit: 30, windowSeconds: 60 },
  /** Walkthrough links followed (tokens tried), per client address. */
  'handoff-join:address': { limit: 60, windowSeconds: 60 },
  /** Failed password sign-ins per client address, whichever accounts they tried. */
  'password:address': { limit: 50, windowSeconds: passwordWindowSeconds },
} as const satisfies Record<string, Limit>;

export type RateLimitName = keyof typeof RATE_LIMITS;
