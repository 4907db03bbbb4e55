import pg from 'pg';
import { resolveDatabase } from '@/tools/db/embedded';

/**
 * The rows of every account whose username starts with a run's tag, with all their passkeys
 * and sessions: what the fuzz suite made itself. Another worker's tests run at the same time,
 * so nothing outside the tag is compared.
 */
export interface AccountRows {
  users: Record<string, string>;
  passkeys: Record<string, string>;
  sessions: Record<string, string>;
}

export interface FootprintDb {
  accountRows(tag: string): Promise<AccountRows>;
  /** Accounts created at or after `since` under any of these usernames (by the server's case-folded key). */
  accountsCreatedSince(usernames: string[], since: Date): Promise<string[]>;
  close(): Promise<void>;
}

/** The case-folded form the server decides uniqueness on (lib/accounts/username.ts). */
export function usernameKey(username: string): string {
  return username.normalize('NFKC').trim().toLocaleLowerCase('und');
}

export async function connectFootprintDb(): Promise<FootprintDb> {
  const database = await resolveDatabase({ purpose: 'test' });
  const pool = new pg.Pool({ connectionString: database.url, max: 2 });

  // Each row as JSON text keyed by its id, so before and after compare as plain strings.
  // Sessions leave out last_seen_at: any request carrying a live session may refresh it, by design.
  async function rowsById(sql: string, tag: string): Promise<Record<string, string>> {
    const { rows } = await pool.query<{ id: string; row: unknown }>(sql, [tag]);
    return Object.fromEntries(rows.map((r) => [r.id, JSON.stringify(r.row)]));
  }

  return {
    async accountRows(tag) {
      const owned = `SELECT id FROM users WHERE starts_with(username_key, $1)`;
      const [users, passkeys, sessions] = await Promise.all([
        rowsById(`SELECT id, to_jsonb(u) AS row FROM users u WHERE id IN (${owned})`, tag),
        rowsById(`SELECT id, to_jsonb(p) - 'public_key' || jsonb_build_object('public_key', encode(p.public_key, 'hex')) AS row FROM passkeys p WHERE user_id IN (${owned})`, tag),
        rowsById(`SELECT id, to_jsonb(s) - 'last_seen_at' AS row FROM sessions s WHERE user_id IN (${owned})`, tag),
      ]);
      return { users, passkeys, sessions };
    },
    async accountsCreatedSince(usernames, since) {
      const { rows } = await pool.query<{ username: string }>(`SELECT username FROM users WHERE username_key = ANY($1::text[]) AND created_at >= $2`, [
        usernames.map(usernameKey),
        since,
      ]);
      return rows.map((row) => row.username);
    },
    async close() {
      await pool.end();
      // Stops the server only if this process started it, which it does not while the web server runs.
      await database.stop();
    },
  };
}

/** What changed between two snapshots: rows added, removed, or different, by table and id. */
export interface RowChanges {
  added: string[];
  removed: string[];
  changed: string[];
}

export function diffRows(before: Record<string, string>, after: Record<string, string>): RowChanges {
  return {
    added: Object.keys(after).filter((id) => !(id in before)),
    removed: Object.keys(before).filter((id) => !(id in after)),
    changed: Object.keys(before).filter((id) => id in after && before[id] !== after[id]),
  };
}
