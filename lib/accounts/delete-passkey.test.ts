import { describe, expect } from 'vitest';
import { db } from '@/lib/db/client';
import { appDatabaseTest } from '@/tools/db/app-database';
import { accountRow, ageReauthentication, asSession, passkeyRow, sessionRow } from '@/tools/testing/account-rows';
import { refusal } from '@/tools/testing/refusal';
import { deletePasskey } from './delete-passkey';

const it = appDatabaseTest;

const passkeysOf = async (userId: string) => (await db.passkey.findMany({ where: { userId }, orderBy: { createdAt: 'asc' } })).map((p) => p.id);

describe('deletePasskey', () => {
  it('deletes one of the account\'s passkeys, answering the user handle and the passkeys that remain, and records it', async () => {
    const account = await accountRow();
    const first = await passkeyRow(account.id, { name: 'Laptop' });
    const second = await passkeyRow(account.id, { name: 'Phone' });
    const session = await sessionRow(account.id);

    const deleted = await deletePasskey({ session: asSession(session), passkeyId: second.id, siteId: 'jp' });
    expect(deleted).toEqual({ deleted: second.id, userHandle: account.webauthnUserId, remainingCredentialIds: [first.id], endedSessions: 0 });
    expect(await passkeysOf(account.id)).toEqual([first.id]);
    expect(await db.accountEvent.findMany({ where: { userId: account.id }, select: { kind: true, siteId: true, detail: true } })).toEqual([
      { kind: 'passkey-deleted', siteId: 'jp', detail: 'Phone' },
    ]);
  });

  it("refuses the last way to sign in: the only passkey of an account without a password", async () => {
    const account = await accountRow();
    const only = await passkeyRow(account.id);
    const session = await sessionRow(account.id);
    const error = await refusal(deletePasskey({ session: asSession(session), passkeyId: only.id, siteId: 'uk' }));
    expect([error.code, error.status, error.message]).toEqual(['LAST_SIGN_IN_METHOD', 409, 'This is your only way to sign in: add another passkey or a password first.']);
    expect(await passkeysOf(account.id)).toEqual([only.id]);
    expect(await db.accountEvent.count({ where: { userId: account.id } })).toBe(0);

    // With a password, the only passkey may go.
    const withPassword = await accountRow({ passwordHash: 'scrypt$x' });
    const passkey = await passkeyRow(withPassword.id);
    const own = await sessionRow(withPassword.id);
    expect((await deletePasskey({ session: asSession(own), passkeyId: passkey.id, siteId: 'uk' })).remainingCredentialIds).toEqual([]);
  });

  it("treats another account's passkey as a missing one, and leaves it", async () => {
    const mine = await accountRow();
    await passkeyRow(mine.id);
    await passkeyRow(mine.id);
    const session = await sessionRow(mine.id);
    const theirs = await accountRow();
    const target = await passkeyRow(theirs.id);
    await passkeyRow(theirs.id);

    for (const passkeyId of [target.id, 'bm8tc3VjaC1wYXNza2V5']) {
      const error = await refusal(deletePasskey({ session: asSession(session), passkeyId, siteId: 'uk' }));
      expect([error.code, error.status]).toEqual(['UNKNOWN_PASSKEY', 404]);
    }
    expect(await passkeysOf(theirs.id)).toContain(target.id);
  });

  it('needs a recent reauthentication: a stale session deletes nothing', async () => {
    const account = await accountRow();
    const keep = await passkeyRow(account.id);
    const target = await passkeyRow(account.id);
    const session = await sessionRow(account.id);
    await ageReauthentication(session.id);
    expect((await refusal(deletePasskey({ session: asSession(session), passkeyId: target.id, siteId: 'uk' }))).code).toBe('REAUTHENTICATION_REQUIRED');
    expect(await passkeysOf(account.id)).toEqual([keep.id, target.id]);
    expect(await db.accountEvent.count({ where: { userId: account.id } })).toBe(0);
  });

  it('leaves exactly one of the last two passkeys when both are deleted at once', async () => {
    for (let round = 0; round < 5; round++) {
      const account = await accountRow();
      // Each from a browser of its own, as two tabs or two devices would.
      const deletions = [
        { passkey: await passkeyRow(account.id), session: await sessionRow(account.id) },
        { passkey: await passkeyRow(account.id), session: await sessionRow(account.id, { siteId: 'jp' }) },
      ];
      const outcomes = await Promise.allSettled(deletions.map(({ passkey, session }) => deletePasskey({ session: asSession(session), passkeyId: passkey.id, siteId: 'uk' })));
      expect(outcomes.map((o) => o.status).sort(), `round ${round}`).toEqual(['fulfilled', 'rejected']);
      const refused = outcomes.find((o) => o.status === 'rejected');
      expect(refused?.status === 'rejected' && refused.reason).toMatchObject({ code: 'LAST_SIGN_IN_METHOD' });
      expect(await passkeysOf(account.id)).toHaveLength(1);
    }
  });

  it('ends the sessions the deleted passkey opened on every site, but not this one', async () => {
    const account = await accountRow();
    const keep = await passkeyRow(account.id);
    const target = await passkeyRow(account.id);
    const here = await sessionRow(account.id, { passkeyId: target.id });
    const elsewhere = await sessionRow(account.id, { siteId: 'jp', passkeyId: target.id });
    const other = await sessionRow(account.id, { siteId: 'rewards', passkeyId: keep.id });

    expect((await deletePasskey({ session: asSession(here), passkeyId: target.id, siteId: 'uk' })).endedSessions).toBe(1);
    const revoked = async (id: string) => (await db.session.findUniqueOrThrow({ where: { id } })).revokedAt !== null;
    expect([await revoked(here.id), await revoked(elsewhere.id), await revoked(other.id)]).toEqual([false, true, false]);
  });
});
