import pg from 'pg';
import { resolveDatabase } from '@/tools/db/embedded';

/** What one test can have caused: rows per table, counted around the test's own accounts. */
export interface Footprint {
  users: number;
  passkeys: number;
  challenges: number;
  sessions: number;
  signInEvents: number;
}

/** What identifies a test's rows: the usernames it chose, the credentials and challenges it made. */
export interface FootprintScope {
  usernames?: string[];
  credentialIds?: string[];
  challenges?: string[];
}

export interface ChallengeRow {
  challenge: string;
  purpose: 'registration' | 'authentication';
  siteId: string;
  expiresAt: Date;
}

/**
 * The suite's window into the test database the web server writes to: reads that prove what a
 * request did or did not write, and the few writes a test needs to set up a case the API cannot
 * reach on its own (a challenge past its expiry, a passkey deleted behind the browser's back).
 */
export class TestDb {
  constructor(private readonly pool: pg.Pool) {}

  /**
   * Row counts in every table the ceremonies write, restricted to rows that belong to the given
   * usernames, credentials and challenges. Whole-table counts would race with the other worker's
   * tests; every write a ceremony makes (a user, its passkeys, sessions, sign-in events, a pending
   * sign-up's challenge) hangs off one of these keys.
   */
  async footprint({ usernames = [], credentialIds = [], challenges = [] }: FootprintScope): Promise<Footprint> {
    const keys = usernames.map(usernameKey);
    const { rows } = await this.pool.query<Footprint>(
      `WITH u AS (
         SELECT id FROM users WHERE username_key = ANY($1::text[])
         UNION SELECT user_id FROM passkeys WHERE id = ANY($2::text[])
       )
       SELECT
         (SELECT count(*) FROM u)::int AS "users",
         (SELECT count(*) FROM passkeys WHERE id = ANY($2::text[]) OR user_id IN (SELECT id FROM u))::int AS "passkeys",
         (SELECT count(*) FROM challenges
           WHERE challenge = ANY($3::text[]) OR pending->>'usernameKey' = ANY($1::text[]) OR user_id IN (SELECT id FROM u))::int AS "challenges",
         (SELECT count(*) FROM sessions WHERE user_id IN (SELECT id FROM u) OR passkey_id = ANY($2::text[]))::int AS "sessions",
         (SELECT count(*) FROM sign_in_events WHERE user_id IN (SELECT id FROM u) OR passkey_id = ANY($2::text[]))::int AS "signInEvents"`,
      [keys, credentialIds, challenges],
    );
    const [footprint] = rows;
    if (!footprint) throw new Error('footprint query returned no row');
    return footprint;
  }

  /** How many challenges a browser binding (by its hash) holds. */
  async challengesOfBinding(bindingHash: string): Promise<number> {
    const { rows } = await this.pool.query<{ count: number }>(`SELECT count(*)::int AS count FROM challenges WHERE binding_hash = $1`, [bindingHash]);
    return rows[0]?.count ?? 0;
  }

  async challenge(challenge: string): Promise<ChallengeRow | undefined> {
    const { rows } = await this.pool.query<ChallengeRow>(
      `SELECT challenge, purpose, site_id AS "siteId", expires_at AS "expiresAt" FROM challenges WHERE challenge = $1`,
      [challenge],
    );
    return rows[0];
  }

  /**
   * Test set-up, not a shortcut around the API: waiting five minutes for a real expiry is not an
   * option, so the stored expiry is moved into the past. Everything else about the row stays.
   */
  async expireChallenge(challenge: string): Promise<void> {
    const { rowCount } = await this.pool.query(`UPDATE challenges SET expires_at = now() - interval '1 minute' WHERE challenge = $1`, [challenge]);
    if (rowCount !== 1) throw new Error(`No stored challenge ${challenge} to expire`);
  }

  /** Test set-up: the passkey is removed from its account while the authenticator still holds it. */
  async deletePasskey(credentialId: string): Promise<void> {
    const { rowCount } = await this.pool.query(`DELETE FROM passkeys WHERE id = $1`, [credentialId]);
    if (rowCount !== 1) throw new Error(`No stored passkey ${credentialId} to delete`);
  }

  async userId(username: string): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ id: string }>(`SELECT id FROM users WHERE username_key = $1`, [usernameKey(username)]);
    return rows[0]?.id;
  }

  /** The sites a user holds sessions on, in order of creation (revoked ones included). */
  async sessionSites(userId: string): Promise<{ siteId: string; revoked: boolean }[]> {
    const { rows } = await this.pool.query<{ siteId: string; revoked: boolean }>(
      `SELECT site_id AS "siteId", revoked_at IS NOT NULL AS "revoked" FROM sessions WHERE user_id = $1 ORDER BY created_at`,
      [userId],
    );
    return rows;
  }

  /** How each of a user's sessions was opened, in order of creation. */
  async sessionMethods(userId: string): Promise<{ siteId: string; method: string; revoked: boolean }[]> {
    const { rows } = await this.pool.query<{ siteId: string; method: string; revoked: boolean }>(
      `SELECT site_id AS "siteId", method, revoked_at IS NOT NULL AS "revoked" FROM sessions WHERE user_id = $1 ORDER BY created_at`,
      [userId],
    );
    return rows;
  }

  /** The ids of a user's live sessions: secrets the browser must never be able to read. */
  async liveSessionIds(userId: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ id: string }>(`SELECT id FROM sessions WHERE user_id = $1 AND revoked_at IS NULL`, [userId]);
    return rows.map((row) => row.id);
  }

  /** A user's sign-in attempts, oldest first. */
  async signIns(userId: string): Promise<{ siteId: string; success: boolean; errorCode: string | null }[]> {
    const { rows } = await this.pool.query<{ siteId: string; success: boolean; errorCode: string | null }>(
      `SELECT site_id AS "siteId", success, error_code AS "errorCode" FROM sign_in_events WHERE user_id = $1 ORDER BY at`,
      [userId],
    );
    return rows;
  }

  /** A user's sign-in attempts with their method, oldest first. */
  async signInMethods(userId: string): Promise<{ siteId: string; method: string; success: boolean; errorCode: string | null }[]> {
    const { rows } = await this.pool.query<{ siteId: string; method: string; success: boolean; errorCode: string | null }>(
      `SELECT site_id AS "siteId", method, success, error_code AS "errorCode" FROM sign_in_events WHERE user_id = $1 ORDER BY at`,
      [userId],
    );
    return rows;
  }

  /** The failed password sign-ins counted against a username in its current window (0 when none). */
  async passwordFailures(username: string): Promise<number> {
    const { rows } = await this.pool.query<{ hits: number }>(`SELECT hits FROM rate_limits WHERE key = $1`, [`password:account:${usernameKey(username)}`]);
    return rows[0]?.hits ?? 0;
  }

  /** Failed sign-ins with this code on a site since a moment: for failures no account can be named in. */
  async failuresSince(siteId: string, errorCode: string, since: Date): Promise<number> {
    const { rows } = await this.pool.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM sign_in_events WHERE site_id = $1 AND error_code = $2 AND NOT success AND at >= $3`,
      [siteId, errorCode, since],
    );
    return rows[0]?.count ?? 0;
  }

  /**
   * Test set-up, not a shortcut around the API: waiting five minutes for a confirmation to run
   * out is not an option, so every session of the account is made to have proved its owner six
   * minutes ago, by the database's clock (the one the window is measured by).
   */
  async ageReauthentication(userId: string): Promise<void> {
    const { rowCount } = await this.pool.query(`UPDATE sessions SET reauthenticated_at = now() - interval '6 minutes' WHERE user_id = $1`, [userId]);
    if (!rowCount) throw new Error(`No session of user ${userId} to age`);
  }

  /** The sites of the account's sessions that may make sensitive changes now (reauthenticated within 5 minutes), in order of creation. */
  async reauthenticatedSites(userId: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ siteId: string }>(
      `SELECT site_id AS "siteId" FROM sessions WHERE user_id = $1 AND revoked_at IS NULL AND reauthenticated_at > now() - interval '5 minutes' ORDER BY created_at`,
      [userId],
    );
    return rows.map((row) => row.siteId);
  }

  /** The account's recorded changes (passkeys added and deleted), oldest first. */
  async accountEvents(userId: string): Promise<{ kind: string; siteId: string; detail: string | null }[]> {
    const { rows } = await this.pool.query<{ kind: string; siteId: string; detail: string | null }>(
      `SELECT kind, site_id AS "siteId", detail FROM account_events WHERE user_id = $1 ORDER BY at`,
      [userId],
    );
    return rows;
  }

  /** Rows naming the account by its id, in every table that does, and by its username key in the password throttle. */
  async rowsOfAccount(userId: string, username: string): Promise<Record<string, number>> {
    const { rows } = await this.pool.query<Record<string, number>>(
      `SELECT
         (SELECT count(*) FROM users WHERE id = $1)::int AS "users",
         (SELECT count(*) FROM passkeys WHERE user_id = $1)::int AS "passkeys",
         (SELECT count(*) FROM sessions WHERE user_id = $1)::int AS "sessions",
         (SELECT count(*) FROM sign_in_events WHERE user_id = $1)::int AS "signInEvents",
         (SELECT count(*) FROM account_events WHERE user_id = $1)::int AS "accountEvents",
         (SELECT count(*) FROM challenges WHERE user_id = $1)::int AS "challenges",
         (SELECT count(*) FROM rate_limits WHERE key = 'password:account:' || $2)::int AS "passwordThrottle"`,
      [userId, usernameKey(username)],
    );
    const [counts] = rows;
    if (!counts) throw new Error('rowsOfAccount returned no row');
    return counts;
  }

  /** The passkeys of the account with this username, oldest first. */
  async passkeyNames(username: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ name: string }>(
      `SELECT p.name FROM passkeys p JOIN users u ON u.id = p.user_id WHERE u.username_key = $1 ORDER BY p.created_at`,
      [usernameKey(username)],
    );
    return rows.map((row) => row.name);
  }

  /** How each successful sign-in's authenticator was attached: platform (this device) or cross-platform (a phone, a key). */
  async signInAttachments(username: string): Promise<(string | null)[]> {
    const { rows } = await this.pool.query<{ attachment: string | null }>(
      `SELECT e.authenticator_attachment AS attachment FROM sign_in_events e JOIN users u ON u.id = e.user_id
        WHERE u.username_key = $1 AND e.success ORDER BY e.at`,
      [usernameKey(username)],
    );
    return rows.map((row) => row.attachment);
  }

  async passkeyName(passkeyId: string): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ name: string }>(`SELECT name FROM passkeys WHERE id = $1`, [passkeyId]);
    return rows[0]?.name;
  }

  /**
   * The ceremony log's and trails' rows of these browser bindings (by hash): their log entries,
   * their links to a trail, and the handoffs of those trails. What a refused request must leave as it was.
   */
  async trailRows(bindingHashes: string[]): Promise<{ log: number; links: number; handoffs: number }> {
    const { rows } = await this.pool.query<{ log: number; links: number; handoffs: number }>(
      `SELECT
         (SELECT count(*) FROM ceremony_log WHERE binding_hash = ANY($1::text[]))::int AS log,
         (SELECT count(*) FROM browser_trails WHERE binding_hash = ANY($1::text[]))::int AS links,
         (SELECT count(*) FROM trail_handoffs WHERE trail_id IN (SELECT trail_id FROM browser_trails WHERE binding_hash = ANY($1::text[])))::int AS handoffs`,
      [bindingHashes],
    );
    const [counts] = rows;
    if (!counts) throw new Error('trailRows returned no row');
    return counts;
  }

  async passkeysOf(username: string): Promise<{ id: string; createdOnSite: string }[]> {
    const { rows } = await this.pool.query<{ id: string; createdOnSite: string }>(
      `SELECT p.id, p.created_on_site AS "createdOnSite" FROM passkeys p JOIN users u ON u.id = p.user_id
        WHERE u.username_key = $1 ORDER BY p.created_at`,
      [usernameKey(username)],
    );
    return rows;
  }
}

/** The case-folded form the server decides uniqueness on (test usernames are ASCII). */
function usernameKey(username: string): string {
  return username.normalize('NFKC').trim().toLocaleLowerCase('und');
}

/**
 * Connects to the database the test web server uses: the embedded test cluster it started
 * (found through its data directory), or DATABASE_URL when that is set.
 */
export async function connectTestDb(): Promise<{ db: TestDb; close(): Promise<void> }> {
  const database = await resolveDatabase({ purpose: 'test' });
  const pool = new pg.Pool({ connectionString: database.url, max: 2 });
  return {
    db: new TestDb(pool),
    async close() {
      await pool.end();
      // Stops the server only if this process started it, which it does not while the web server runs.
      await database.stop();
    },
  };
}
