import { describe, expect } from 'vitest';
import { db } from '@/lib/db/client';
import { appDatabaseTest } from '@/tools/db/app-database';
import { accountRow } from '@/tools/testing/account-rows';
import { refusal } from '@/tools/testing/refusal';
import { setDisplayName } from './set-display-name';

const it = appDatabaseTest;

describe('setDisplayName', () => {
  it('stores the normalised name and answers what the passkey provider needs to be told', async () => {
    const account = await accountRow();
    expect(await setDisplayName({ userId: account.id, displayName: '  Ｐａｔ  Example ' })).toEqual({ displayName: 'Pat  Example', userHandle: account.webauthnUserId, username: account.username });
    expect((await db.user.findUniqueOrThrow({ where: { id: account.id } })).displayName).toBe('Pat  Example');
  });

  it('falls back to the username when blank, and refuses a name breaking the rules, changing nothing', async () => {
    const account = await accountRow();
    expect((await setDisplayName({ userId: account.id, displayName: '   ' })).displayName).toBe(account.username);
    for (const displayName of ['a'.repeat(65), 'bidi\u202eoverride', 'nul\u0000']) {
      expect((await refusal(setDisplayName({ userId: account.id, displayName }))).code).toBe('INVALID_DISPLAY_NAME');
    }
    expect((await db.user.findUniqueOrThrow({ where: { id: account.id } })).displayName).toBe(account.username);
  });
});
