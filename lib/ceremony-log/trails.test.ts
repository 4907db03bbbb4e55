import { describe, expect } from 'vitest';
import { db } from '@/lib/db/client';
import { appDatabaseTest } from '@/tools/db/app-database';
import { accountRow, sessionRow } from '@/tools/testing/account-rows';
import { refusal } from '@/tools/testing/refusal';
import { newBindingHash, relyingPartyOf } from '@/tools/testing/relying-party';
import { trailEntries } from './read';
import { recordCeremony } from './record';
import { createHandoff, joinTrail, startOver } from './trails';

const it = appDatabaseTest;

/** One logged options call for this binding on that site. */
const logOn = (siteId: string, bindingHash: string) =>
  recordCeremony({ rp: relyingPartyOf(siteId), bindingHash, kind: 'authentication', step: 'options', outcome: { ok: true }, options: { challenge: `${siteId}-${bindingHash.slice(0, 6)}` } });

const sitesSeen = async (bindingHash: string) => (await trailEntries(bindingHash)).map((entry) => entry.site.id).sort();

/** Every row the trail tables hold, for "nothing written". */
const trailFootprint = async () => ({
  links: await db.browserTrail.findMany({ orderBy: { bindingHash: 'asc' } }),
  handoffs: await db.trailHandoff.findMany({ orderBy: { tokenHash: 'asc' } }),
  log: await db.ceremonyLog.count(),
});

describe('handoffs', () => {
  it("join another site's binding to this browser's trail: each site then reads both", async () => {
    const rewards = newBindingHash();
    const uk = newBindingHash();
    await logOn('rewards', rewards);
    await logOn('uk', uk);
    expect(await sitesSeen(uk)).toEqual(['uk']);
    await joinTrail(await createHandoff(rewards), uk);
    expect(await sitesSeen(uk)).toEqual(['rewards', 'uk']);
    expect(await sitesSeen(rewards)).toEqual(['rewards', 'uk']);
  });

  it('give a binding with nothing logged yet a trail, so a link works from the first page', async () => {
    const rewards = newBindingHash();
    const uk = newBindingHash();
    await joinTrail(await createHandoff(rewards), uk);
    await logOn('rewards', rewards);
    expect(await sitesSeen(uk)).toEqual(['rewards']);
  });

  it("merge the joining binding's own trail, with its other sites", async () => {
    const [rewards, uk, jp] = [newBindingHash(), newBindingHash(), newBindingHash()];
    await logOn('rewards', rewards);
    await logOn('jp', jp);
    await joinTrail(await createHandoff(jp), uk);
    await joinTrail(await createHandoff(rewards), uk);
    expect(await sitesSeen(jp)).toEqual(['jp', 'rewards']);
    expect(await sitesSeen(rewards)).toEqual(['jp', 'rewards']);
  });

  it('are used once; a used, expired or unknown token is refused and writes nothing', async () => {
    const token = await createHandoff(newBindingHash());
    await joinTrail(token, newBindingHash());
    const before = await trailFootprint();
    expect((await refusal(joinTrail(token, newBindingHash()))).code).toBe('HANDOFF_USED');
    expect((await refusal(joinTrail('A'.repeat(43), newBindingHash()))).code).toBe('HANDOFF_NOT_FOUND');
    expect(await trailFootprint()).toEqual(before);

    const late = await createHandoff(newBindingHash());
    await db.$executeRaw`UPDATE trail_handoffs SET expires_at = now() - interval '1 second' WHERE used_at IS NULL`;
    const beforeLate = await trailFootprint();
    expect((await refusal(joinTrail(late, newBindingHash()))).code).toBe('HANDOFF_EXPIRED');
    expect(await trailFootprint()).toEqual(beforeLate);
  });

  it('store only a hash of the token', async () => {
    const token = await createHandoff(newBindingHash());
    expect(JSON.stringify(await db.trailHandoff.findMany())).not.toContain(token);
  });
});

describe('startOver', () => {
  it("forgets the trail on every site and ends every session its bindings opened, and nobody else's", async () => {
    const [rewards, uk, stranger] = [newBindingHash(), newBindingHash(), newBindingHash()];
    await logOn('rewards', rewards);
    await logOn('uk', uk);
    await logOn('jp', stranger);
    await joinTrail(await createHandoff(rewards), uk);
    const strangersLink = await createHandoff(stranger);
    await createHandoff(rewards);

    const user = await accountRow();
    const onRewards = await sessionRow(user.id, { siteId: 'rewards' });
    const onUk = await sessionRow(user.id, { siteId: 'uk' });
    const strangers = await sessionRow(user.id, { siteId: 'jp' });
    // Without a binding of its own (opened before the browser had one): ended as this request's session.
    const current = await sessionRow(user.id, { siteId: 'uk' });
    await db.session.updateMany({ where: { id: { in: [onRewards.id] } }, data: { bindingHash: rewards } });
    await db.session.updateMany({ where: { id: { in: [onUk.id] } }, data: { bindingHash: uk } });
    await db.session.updateMany({ where: { id: strangers.id }, data: { bindingHash: stranger } });

    const trailId = (await db.browserTrail.findUniqueOrThrow({ where: { bindingHash: uk } })).trailId;
    expect(await db.trailHandoff.count({ where: { trailId } })).toBe(2);
    expect(await startOver(uk, current.id)).toEqual({ sessionsEnded: 3, entriesDeleted: 2 });
    const revoked = async (id: string) => (await db.session.findUniqueOrThrow({ where: { id } })).revokedAt !== null;
    expect([await revoked(onRewards.id), await revoked(onUk.id), await revoked(current.id), await revoked(strangers.id)]).toEqual([true, true, true, false]);
    expect(await trailEntries(rewards)).toEqual([]);
    expect(await db.browserTrail.count({ where: { bindingHash: { in: [rewards, uk] } } })).toBe(0);
    expect(await db.trailHandoff.count({ where: { trailId } })).toBe(0);
    expect(await sitesSeen(stranger)).toEqual(['jp']);
    await joinTrail(strangersLink, newBindingHash());
  });

  it('without a binding, ends only the session of the request', async () => {
    const user = await accountRow();
    const current = await sessionRow(user.id);
    const other = await sessionRow(user.id);
    expect(await startOver(undefined, current.id)).toEqual({ sessionsEnded: 1, entriesDeleted: 0 });
    expect((await db.session.findUniqueOrThrow({ where: { id: other.id } })).revokedAt).toBeNull();
  });
});
