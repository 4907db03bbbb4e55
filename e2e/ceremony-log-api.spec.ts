import { createHash } from 'node:crypto';
import type { ApiErrorCode } from '@/lib/api/errors';
import type { CeremonyLogEntry } from '@/lib/ceremony-log/entry';
import type { CeremonyClient, JsonResponse } from '@/tools/webauthn/ceremony-client';
import { SoftAuthenticator } from '@/tools/webauthn/soft-authenticator';
import { expect, test, uniqueUsername } from './account-fixtures';
import { BINDING_COOKIE } from './ceremonies';

// The ceremony log and the walkthrough's trail at the HTTP level: each client is one browser on
// one site (its Host and cookie jar); clients sharing a software passkey provider are one person.

const LOG = {
  list: '/api/ceremony-log/list',
  report: '/api/ceremony-log/report',
  progress: '/api/walkthrough/progress',
  handoff: '/api/walkthrough/handoff',
  join: '/api/walkthrough/join',
  startOver: '/api/walkthrough/start-over',
} as const;

/** A well-formed body for each endpoint. */
const GOOD: Record<keyof typeof LOG, unknown> = {
  list: {},
  report: { kind: 'authentication', name: 'NotAllowedError', message: 'The operation either timed out or was not allowed.' },
  progress: {},
  handoff: { site: 'uk' },
  join: { token: 'A'.repeat(43) },
  startOver: {},
};

function expectRefused(answer: JsonResponse, status: number, code: ApiErrorCode): void {
  expect(answer, JSON.stringify(answer.body)).toMatchObject({ status, body: { error: { code, message: expect.any(String) } } });
}

/** The stored hash of the client's binding cookie (the server keeps only that). */
function bindingHashOf(client: CeremonyClient): string {
  const value = /(?:^|; )__Host-atlas-ceremony=([^;]+)/.exec(client.jar.header() ?? '')?.[1];
  if (!value) throw new Error(`the client holds no ${BINDING_COOKIE} cookie`);
  return createHash('sha256').update(value).digest('hex');
}

/** A browser-side error reported: the endpoint answers 201 Created with the entry. */
async function reported(client: CeremonyClient, body: unknown): Promise<void> {
  const response = await client.answer(LOG.report, body);
  expect(response.status).toBe(201);
}

const entries = async (client: CeremonyClient) => ((await client.post(LOG.list, {})).body as { entries: CeremonyLogEntry[] }).entries;
const stepsDone = async (client: CeremonyClient) =>
  ((await client.post(LOG.progress, {})).body as { steps: { id: string; done: boolean }[] }).steps.filter((step) => step.done).map((step) => step.id);

test.describe('ceremony log API', () => {
  test('every endpoint refuses malformed and foreign requests with a catalogue 4xx and writes nothing', async ({ browserOn, db }) => {
    const browser = browserOn('uk');
    await reported(browser, GOOD.report);
    const hash = bindingHashOf(browser);
    const before = await db.trailRows([hash]);
    for (const [name, path] of Object.entries(LOG) as [keyof typeof LOG, string][]) {
      const good = GOOD[name] as object;
      expectRefused(await browser.answer(path, { ...good, extra: true }), 400, 'INVALID_REQUEST');
      expectRefused(await browser.answer(path, 'not an object'), 400, 'INVALID_REQUEST');
      expectRefused(await browserOn('uk').answer(path, []), 400, 'INVALID_REQUEST');
    }
    expectRefused(await browser.answer(LOG.report, { kind: 'authentication', name: '<script>', message: '' }), 400, 'INVALID_REQUEST');
    expectRefused(await browser.answer(LOG.handoff, { site: 'evil.test' }), 400, 'INVALID_REQUEST');
    expectRefused(await browser.answer(LOG.join, { token: 'B'.repeat(43) }), 404, 'HANDOFF_NOT_FOUND');
    expect(await db.trailRows([hash])).toEqual(before);
  });

  test('one browser cannot read another browser’s log', async ({ browserOn }) => {
    const mine = browserOn('uk');
    const theirs = browserOn('uk');
    await reported(theirs, { kind: 'registration', name: 'InvalidStateError', message: 'already registered' });
    await reported(mine, GOOD.report);
    expect((await entries(mine)).map((e) => e.browserError?.name)).toEqual(['NotAllowedError']);
    expect((await entries(theirs)).map((e) => e.browserError?.name)).toEqual(['InvalidStateError']);
    // A browser without a binding sees nothing, and is given none.
    const stranger = browserOn('uk');
    expect(await entries(stranger)).toEqual([]);
    expect(stranger.jar.header()).toBeUndefined();
  });

  test('a sign-in made on example.co.uk shows its origin, RP ID match and flags, with every check passed', async ({ browserOn }) => {
    const provider = new SoftAuthenticator();
    await browserOn('rewards', provider).signUp(uniqueUsername('log'));
    const uk = browserOn('uk', provider);
    await uk.signIn();
    // The routes write the log after answering: wait for the sign-in's two entries.
    await expect.poll(async () => (await entries(uk)).length).toBe(2);
    const [verify, options] = await entries(uk);
    expect(options).toMatchObject({ kind: 'authentication', step: 'options', outcome: { ok: true } });
    expect(verify).toMatchObject({
      site: { id: 'uk', origin: 'https://example.co.uk' },
      step: 'verify',
      clientData: { type: 'webauthn.get', origin: 'https://example.co.uk' },
      authenticatorData: { rpIdMatch: 'example.com', flags: { up: true, uv: true } },
    });
    expect(verify?.checks?.every((check) => check.status === 'passed')).toBe(true);
  });

  test('a handoff joins two sites’ bindings into one trail, used once', async ({ browserOn }) => {
    const provider = new SoftAuthenticator();
    const rewards = browserOn('rewards', provider);
    await rewards.signUp(uniqueUsername('trail'));
    const uk = browserOn('uk', provider);
    // The other site cannot see it yet: its binding is another browser's until it joins.
    await expect.poll(() => stepsDone(rewards)).toEqual(['create-account']);
    expect(await stepsDone(uk)).toEqual([]);

    const { url } = (await rewards.post(LOG.handoff, { site: 'uk' })).body as { url: string };
    const link = new URL(url);
    expect(link.origin).toBe('https://example.co.uk');
    const token = link.searchParams.get('join');
    expect((await uk.post(LOG.join, { token })).body).toEqual({ joined: true });
    expectRefused(await browserOn('jp').answer(LOG.join, { token }), 409, 'HANDOFF_USED');

    await uk.signIn();
    await expect.poll(() => stepsDone(uk)).toEqual(['create-account', 'sign-in-elsewhere']);
    expect(await stepsDone(rewards)).toEqual(['create-account', 'sign-in-elsewhere']);
    expect(new Set((await entries(rewards)).map((e) => e.site.id))).toEqual(new Set(['rewards', 'uk']));
  });

  test('start over ends the sessions of every site of the trail and forgets its log', async ({ browserOn, db }) => {
    const provider = new SoftAuthenticator();
    const username = uniqueUsername('over');
    const rewards = browserOn('rewards', provider);
    await rewards.signUp(username);
    const uk = browserOn('uk', provider);
    const { url } = (await rewards.post(LOG.handoff, { site: 'uk' })).body as { url: string };
    await uk.post(LOG.join, { token: new URL(url).searchParams.get('join') });
    await uk.signIn();
    // Written after the answer: wait for it, so Start over finds the whole log to forget.
    await expect.poll(async () => (await entries(uk)).filter((e) => e.step === 'verify').length).toBe(2);
    const userId = await db.userId(username);
    if (!userId) throw new Error('the sign-up stored no account');
    expect(await db.sessionSites(userId)).toEqual([
      { siteId: 'rewards', revoked: false },
      { siteId: 'uk', revoked: false },
    ]);

    const cleared = await uk.post(LOG.startOver, {});
    expect(cleared.body).toEqual({ cleared: true });
    expect((cleared.headers['set-cookie'] ?? []).some((c) => c.startsWith('__Host-authjs.session-token=;') && /Max-Age=0/i.test(c))).toBe(true);
    expect(await db.sessionSites(userId)).toEqual([
      { siteId: 'rewards', revoked: true },
      { siteId: 'uk', revoked: true },
    ]);
    expect(await entries(rewards)).toEqual([]);
    expect(await db.trailRows([bindingHashOf(rewards), bindingHashOf(uk)])).toEqual({ log: 0, links: 0, handoffs: 0 });
  });
});
