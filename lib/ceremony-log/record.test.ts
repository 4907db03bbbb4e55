import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { afterEach, describe, expect, vi } from 'vitest';
import { db, getPool } from '@/lib/db/client';
import { authenticationVerifyBody, verifyAuthentication } from '@/lib/webauthn/authentication';
import { storeChallenge } from '@/lib/webauthn/challenges';
import { registrationVerifyBody, verifyRegistration } from '@/lib/webauthn/registration';
import { appDatabaseTest } from '@/tools/db/app-database';
import { newBindingHash, relyingPartyOf } from '@/tools/testing/relying-party';
import { chromiumPasskey } from './fixtures';
import { trailEntries, trailMilestones } from './read';
import { ceremonyLogRow, recordCeremony } from './record';
import { ENTRIES_PER_BINDING, HOUSEKEEPING_EVERY, housekeepingDue, writeLogRow } from './store';

// The log against a real database, fed by the ceremony core running Chromium's own responses.
const it = appDatabaseTest;

afterEach(() => {
  vi.restoreAllMocks();
});

const rewards = relyingPartyOf('rewards');
const uk = relyingPartyOf('uk');

const optionsRow = (bindingHash: string) =>
  ceremonyLogRow({ rp: uk, bindingHash, kind: 'authentication', step: 'options', outcome: { ok: true }, options: {} });
const verifyRow = (bindingHash: string, message: string) =>
  ceremonyLogRow({ rp: uk, bindingHash, kind: 'authentication', step: 'verify', outcome: { ok: false, code: 'INVALID_REQUEST', message, stage: 'body' }, body: {} });

/**
 * Chromium's sign-up on example-rewards.com and sign-in on example.co.uk, through the ceremony
 * core (challenges stored as the options routes would have), each recorded as the routes do.
 */
async function chromiumSignUpAndSignIn() {
  const { registration, authentication } = chromiumPasskey;
  const browser = { rewards: newBindingHash(), uk: newBindingHash() };
  const username = `c${randomBytes(5).toString('hex')}`;
  // The test file shares one database, and a credential can be registered once.
  await db.user.deleteMany({ where: { passkeys: { some: { id: registration.response.id } } } });
  await storeChallenge({
    challenge: registration.challenge,
    purpose: 'registration',
    siteId: 'rewards',
    bindingHash: browser.rewards,
    // The user handle Chromium's page gave the passkey, as the sign-in will return it.
    pending: { username, usernameKey: username, displayName: username, webauthnUserId: authentication.response.response.userHandle },
  });
  await recordCeremony({ rp: rewards, bindingHash: browser.rewards, kind: 'registration', step: 'options', ui: 'button', outcome: { ok: true }, options: { challenge: registration.challenge } });
  const signUp = await verifyRegistration({
    rp: rewards,
    body: registrationVerifyBody.parse({ response: registration.response }),
    session: null,
    bindingHash: browser.rewards,
    userAgent: null,
    previousSessionId: undefined,
  });
  await recordCeremony({ rp: rewards, bindingHash: browser.rewards, kind: 'registration', step: 'verify', outcome: { ok: true }, body: { response: registration.response } });

  await storeChallenge({ challenge: authentication.challenge, purpose: 'authentication', siteId: 'uk', bindingHash: browser.uk });
  await recordCeremony({ rp: uk, bindingHash: browser.uk, kind: 'authentication', step: 'options', ui: 'immediate', outcome: { ok: true }, options: { challenge: authentication.challenge } });
  const signIn = await verifyAuthentication({
    rp: uk,
    body: authenticationVerifyBody.parse({ response: authentication.response }),
    bindingHash: browser.uk,
    userAgent: null,
    issueSession: (token) => Promise.resolve(token),
    previousSessionId: undefined,
  });
  await recordCeremony({ rp: uk, bindingHash: browser.uk, kind: 'authentication', step: 'verify', outcome: { ok: true }, body: { response: authentication.response } });
  return { browser, signUp, signIn };
}

describe('recordCeremony', () => {
  it("records Chromium's sign-up and sign-in as the inspector shows them: origins, RP ID, flags, every check passed", async () => {
    const { browser, signUp } = await chromiumSignUpAndSignIn();
    const [signInVerify, signInOptions] = await trailEntries(browser.uk);
    expect(signInOptions).toMatchObject({ kind: 'authentication', step: 'options', ui: 'immediate', options: { challenge: chromiumPasskey.authentication.challenge } });
    expect(signInVerify).toMatchObject({
      site: { id: 'uk', name: 'Example UK', origin: 'https://example.co.uk' },
      rpId: 'example.com',
      kind: 'authentication',
      step: 'verify',
      // Taken from its options row: the page said how it started the ceremony only there.
      ui: 'immediate',
      outcome: { ok: true },
      clientData: { type: 'webauthn.get', origin: 'https://example.co.uk' },
      authenticatorData: { rpIdMatch: 'example.com', flags: { up: true, uv: true } },
      credential: { id: signUp.passkey.id, authenticatorAttachment: 'platform' },
    });
    expect(signInVerify?.checks?.every((check) => check.status === 'passed')).toBe(true);
    const [signUpVerify] = await trailEntries(browser.rewards);
    expect(signUpVerify).toMatchObject({ ui: 'button', attestation: { fmt: 'none', algorithmName: 'ES256' }, clientData: { origin: 'https://example-rewards.com' } });
    expect(Date.parse(signUpVerify?.at ?? '')).toBeGreaterThan(Date.now() - 60_000);
  });

  it('stores the browser binding on the sessions the ceremonies opened', async () => {
    const { browser, signUp, signIn } = await chromiumSignUpAndSignIn();
    const sessions = await db.session.findMany({ where: { userId: signUp.user.id }, orderBy: { createdAt: 'asc' } });
    expect(sessions.map((s) => [s.siteId, s.bindingHash])).toEqual([
      ['rewards', browser.rewards],
      ['uk', browser.uk],
    ]);
    expect(sessions[1]?.id).toBe(signIn.cookie.sid);
  });

  it('puts no secret in what a browser reads: no session id, binding hash or user handle', async () => {
    const { browser, signIn, signUp } = await chromiumSignUpAndSignIn();
    const session = await db.session.findFirstOrThrow({ where: { userId: signUp.user.id, siteId: 'rewards' } });
    const read = JSON.stringify([...(await trailEntries(browser.uk)), ...(await trailEntries(browser.rewards))]);
    for (const secret of [signIn.cookie.sid, session.id, browser.uk, browser.rewards, chromiumPasskey.authentication.response.response.userHandle]) {
      expect(read).not.toContain(secret);
    }
  });

  it('records a refusal with the failed check, and what it could decode of a hostile body, without ever throwing', async () => {
    const bindingHash = newBindingHash();
    const { response } = chromiumPasskey.authentication;
    await recordCeremony({ rp: relyingPartyOf('jp'), bindingHash, kind: 'authentication', step: 'verify', outcome: { ok: false, code: 'ORIGIN_MISMATCH', message: 'no', stage: 'ceremony' }, body: { response } });
    const [refused] = await trailEntries(bindingHash);
    expect(refused?.outcome).toEqual({ ok: false, code: 'ORIGIN_MISMATCH', message: 'no' });
    expect(refused?.checks?.find((check) => check.id === 'origin')).toEqual({ id: 'origin', status: 'failed', expected: 'https://example.co.jp', actual: 'https://example.co.uk' });

    await fc.assert(
      fc.asyncProperty(fc.anything(), async (body) => {
        const entry = await recordCeremony({ rp: uk, bindingHash, kind: 'registration', step: 'verify', outcome: { ok: false, code: 'INVALID_REQUEST', message: 'x', stage: 'body' }, body });
        expect(entry?.checks?.every((check) => check.status === 'not-reached')).toBe(true);
      }),
      { numRuns: 40, seed: 7 },
    );
  });

  it('never fails its caller: a write that fails is one line in the server log', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const entry = await recordCeremony({ rp: uk, bindingHash: 'x'.repeat(100), kind: 'authentication', step: 'options', outcome: { ok: true }, options: {} });
    expect(entry).toBeUndefined();
    expect(log).toHaveBeenCalledOnce();
    expect(log.mock.calls[0]?.[0]).toMatch(/^ceremony log: authentication options on uk not recorded \(.*\)$/);
  });
});

describe('reading the log', () => {
  it("shows a browser only its own entries: another binding's are not there", async () => {
    const mine = newBindingHash();
    const theirs = newBindingHash();
    await recordCeremony({ rp: uk, bindingHash: theirs, kind: 'authentication', step: 'options', outcome: { ok: true }, options: { challenge: 'theirs' } });
    expect(await trailEntries(mine)).toEqual([]);
    await recordCeremony({ rp: uk, bindingHash: mine, kind: 'authentication', step: 'options', outcome: { ok: true }, options: { challenge: 'mine' } });
    expect((await trailEntries(mine)).map((e) => e.options)).toEqual([{ challenge: 'mine' }]);
  });

  it("forgets entries after 24 hours: not shown, then swept by a later write's housekeeping", async () => {
    const bindingHash = newBindingHash();
    await recordCeremony({ rp: uk, bindingHash, kind: 'authentication', step: 'options', outcome: { ok: true }, options: { challenge: 'old' } });
    await db.$executeRaw`UPDATE ceremony_log SET created_at = now() - interval '25 hours' WHERE binding_hash = ${bindingHash}`;
    expect(await trailEntries(bindingHash)).toEqual([]);
    expect(await trailMilestones(bindingHash)).toEqual([]);
    // Another browser's first write, without the chance of housekeeping: the old row stays.
    await writeLogRow(optionsRow(newBindingHash()), 1);
    expect(await db.ceremonyLog.count({ where: { bindingHash } })).toBe(1);
    // With it, the old row goes.
    await writeLogRow(optionsRow(newBindingHash()), 0);
    expect(await db.ceremonyLog.count({ where: { bindingHash } })).toBe(0);
  });

  it("runs housekeeping when a binding's write count passes a multiple of 32, or by a 1 in 32 chance", () => {
    expect([1, 2, 31, 33].map((writes) => housekeepingDue(writes - 1, writes, 0.99))).toEqual([false, false, false, false]);
    expect([32, 64, 96].map((writes) => housekeepingDue(writes - 1, writes, 0.99))).toEqual([true, true, true]);
    // Several rows of one binding in one statement: the count jumps, and a multiple it jumps over counts.
    expect(housekeepingDue(30, 33, 0.99)).toBe(true);
    expect(housekeepingDue(32, 35, 0.99)).toBe(false);
    expect(housekeepingDue(0, 1, 0)).toBe(true);
    expect(housekeepingDue(0, 1, 1 / HOUSEKEEPING_EVERY - 1e-9)).toBe(true);
    expect(housekeepingDue(0, 1, 1 / HOUSEKEEPING_EVERY)).toBe(false);
  });

  it('writes the rows that arrive while a write is in flight in one statement: a verify finds its options row in the same batch, and each binding counts every row', async () => {
    const query = vi.spyOn(getPool(), 'query');
    const [bindingHash, other] = [newBindingHash(), newBindingHash()];
    const call = (step: 'options' | 'verify', ui?: 'autofill') =>
      ceremonyLogRow({ rp: uk, bindingHash, kind: 'authentication', step, ui, outcome: { ok: true }, ...(step === 'options' ? { options: { challenge: 'same' } } : { body: {} }) });
    const verify = { ...call('verify'), challenge: 'same' };
    const written = await Promise.all([
      writeLogRow(optionsRow(other), 1),
      writeLogRow(call('options', 'autofill'), 1),
      writeLogRow(verify, 1),
      writeLogRow(optionsRow(other), 1),
    ]);
    const writes = query.mock.calls.filter(([config]) => (config as { name?: string }).name === 'ceremony-log-write');
    expect(writes).toHaveLength(2);
    expect(written[2]?.ui).toBe('autofill');
    // Written in the same millisecond, the two have no order between them.
    const shown = await trailEntries(bindingHash);
    expect(shown.map((entry) => [entry.step, entry.ui]).sort()).toEqual([
      ['options', 'autofill'],
      ['verify', 'autofill'],
    ]);
    expect(await db.browserTrail.findUnique({ where: { bindingHash: other }, select: { logWrites: true } })).toEqual({ logWrites: 2 });
    expect(await db.browserTrail.findUnique({ where: { bindingHash }, select: { logWrites: true } })).toEqual({ logWrites: 2 });
  });

  it('stores what Postgres text cannot hold (NUL, a lone surrogate) as U+FFFD, and a bad row fails only its own write', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const [bindingHash, other] = [newBindingHash(), newBindingHash()];
    const hostile = { challenge: 'nul\u0000', message: 'half \udbff pair' };
    const [, stored, tooLong, alongside] = await Promise.all([
      writeLogRow(optionsRow(other), 1),
      recordCeremony({ rp: uk, bindingHash, kind: 'authentication', step: 'options', outcome: { ok: true }, options: hostile }),
      // A binding hash longer than its column: refused by Postgres, in the same batch as the others.
      recordCeremony({ rp: uk, bindingHash: 'x'.repeat(100), kind: 'authentication', step: 'options', outcome: { ok: true }, options: {} }),
      recordCeremony({ rp: uk, bindingHash: other, kind: 'authentication', step: 'options', outcome: { ok: true }, options: {} }),
    ]);
    expect(stored).toBeDefined();
    expect(tooLong).toBeUndefined();
    expect(alongside).toBeDefined();
    expect(log).toHaveBeenCalledOnce();
    expect((await trailEntries(bindingHash)).map((entry) => entry.options)).toEqual([{ challenge: 'nul\uFFFD', message: 'half \uFFFD pair' }]);
    expect(await trailEntries(other)).toHaveLength(2);
  });

  it('keeps at most a bounded number of rows per browser, and shows the newest 50', async () => {
    const bindingHash = newBindingHash();
    const most = ENTRIES_PER_BINDING + HOUSEKEEPING_EVERY - 1;
    // Enough writes to pass the cap and end on a 32nd.
    const writes = HOUSEKEEPING_EVERY * Math.ceil(most / HOUSEKEEPING_EVERY);
    let largest = 0;
    for (let i = 0; i < writes; i++) {
      // No chance housekeeping: only the binding's own count trims it.
      await writeLogRow(verifyRow(bindingHash, String(i)), 1);
      largest = Math.max(largest, await db.ceremonyLog.count({ where: { bindingHash } }));
    }
    expect(largest).toBe(most);
    // Its last write was a 32nd: trimmed to the cap.
    expect(await db.ceremonyLog.count({ where: { bindingHash } })).toBe(ENTRIES_PER_BINDING);
    const shown = await trailEntries(bindingHash);
    expect(shown).toHaveLength(50);
    // Rows written within the same millisecond have no order among them; the last one is near the top.
    expect(shown.map((e) => !e.outcome.ok && e.outcome.message)).toContain(String(writes - 1));
    expect(shown.map((e) => !e.outcome.ok && e.outcome.message)).not.toContain('0');
  });
});
