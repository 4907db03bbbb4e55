/**
 * Every rate limit, per subject and fixed window. Generous enough for a workshop of people
 * behind one address, tight enough that a script cannot fill the challenge table, probe
 * usernames at speed or mint accounts by the thousand. Plain data, so tests and docs can read it.
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
} as const satisfies Record<string, { limit: number; windowSeconds: number }>;

export type RateLimitName = keyof typeof RATE_LIMITS;
