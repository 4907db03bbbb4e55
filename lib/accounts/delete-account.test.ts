import { describe, expect } from 'vitest';
import { getPool } from '@/lib/db/client';
import { appDatabaseTest } from '@/tools/db/app-database';
import { accountRow, ageReauthentication, asSession, passkeyRow, sessionRow } from '@/tools/testing/account-rows';
import { refusal } from '@/tools/testing/refusal';
import { deleteAccount } from './delete-account';

const it = appDatabaseTest;

/**
 * Every row anywhere that names the account: by its id, its passkeys' ids, its username key or
 * its user handle, in every table and column the schema has (so a table added later is covered).
 */
async function rowsNaming(account: { id: string; usernameKey: string; webauthnUserId: string }, passkeyIds: string[]): Promise<string[]> {
  const { rows: columns } = await getPool().query<{ table: string; column: string }>(
    `SELECT table_name AS "table", column_name AS "column" FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name <> '_prisma_migrations' AND data_type <> 'bytea'`,
  );
  const needles = [account.id, account.usernameKey, account.webauthnUserId, ...passkeyIds];
  const found: string[] = [];
  for (const { table, column } of columns) {
    const { rows } = await getPool().query<{ count: number }>(
      `SELECT count(*)::int AS count FROM "${table}" WHERE EXISTS (SELECT 1 FROM unnest($1::text[]) AS n WHERE strpos("${column}"::text, n) > 0)`,
      [needles],
    );
    if ((rows[0]?.count ?? 0) > 0) found.push(`${table}.${column}`);
  }
  return found;
}

/** An account with everything an account gathers: passkeys, sessions on several sites, attempts, events, a challenge, a throttle counter. */
async function fullAccount() {
  const account = await accountRow({ passwordHash: 'scrypt$x' });
  const passkeys = [await passkeyRow(account.id), await passkeyRow(account.id)];
  const here = await sessionRow(account.id, { passkeyId: passkeys[0]?.id });
  await sessionRow(account.id, { siteId: 'jp' });
  await sessionRow(account.id, { siteId: 'rewards', revokedAt: new Date() });
  const pool = getPool();
  await pool.query(`INSERT INTO sign_in_events (id, user_id, passkey_id, site_id, success, error_code) VALUES (gen_random_uuid(), $1, $2, 'uk', false, 'COUNTER_REGRESSION'), (gen_random_uuid(), $1, NULL, 'jp', true, NULL)`, [account.id, passkeys[1]?.id]);
  await pool.query(`INSERT INTO account_events (id, user_id, kind, site_id, detail) VALUES (gen_random_uuid(), $1, 'passkey-added', 'uk', 'Phone')`, [account.id]);
  await pool.query(`INSERT INTO challenges (id, challenge, purpose, site_id, binding_hash, user_id, expires_at) VALUES (gen_random_uuid(), $2, 'reauthentication', 'uk', $2, $1, now() + interval '5 minutes')`, [account.id, `c-${account.id}`]);
  await pool.query(`INSERT INTO rate_limits (key, window_start, hits) VALUES ($1, now(), 2)`, [`password:account:${account.usernameKey}`]);
  return { account, here, passkeyIds: passkeys.map((p) => p.id) };
}

describe('deleteAccount', () => {
  it('removes every row of the account, in every table, and answers its user handle', async () => {
    const { account, here, passkeyIds } = await fullAccount();
    const bystander = await fullAccount();
    const before = await rowsNaming(account, passkeyIds);
    expect(before).toEqual(expect.arrayContaining(['users.id', 'passkeys.id', 'sessions.user_id', 'sign_in_events.user_id', 'account_events.user_id', 'challenges.user_id', 'rate_limits.key']));

    expect(await deleteAccount({ session: asSession(here), confirmation: account.username.toUpperCase() })).toEqual({ userHandle: account.webauthnUserId });
    expect(await rowsNaming(account, passkeyIds)).toEqual([]);
    expect(await rowsNaming(bystander.account, bystander.passkeyIds)).toEqual(before);
  });

  it('refuses a confirmation that is not the username, and a stale session, deleting nothing', async () => {
    const { account, here, passkeyIds } = await fullAccount();
    const before = await rowsNaming(account, passkeyIds);
    for (const confirmation of ['', `${account.username}x`, 'someone-else']) {
      const error = await refusal(deleteAccount({ session: asSession(here), confirmation }));
      expect([error.code, error.status]).toEqual(['CONFIRMATION_MISMATCH', 422]);
    }
    await ageReauthentication(here.id);
    expect((await refusal(deleteAccount({ session: asSession(here), confirmation: account.username }))).code).toBe('REAUTHENTICATION_REQUIRED');
    expect(await rowsNaming(account, passkeyIds)).toEqual(before);
  });
});
