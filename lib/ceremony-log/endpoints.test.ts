import { randomBytes } from 'node:crypto';
import type { PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { NextRequest } from 'next/server';
import { afterEach, beforeEach, describe, expect, vi } from 'vitest';
import { POST as listLog } from '@/app/api/ceremony-log/list/route';
import { POST as report } from '@/app/api/ceremony-log/report/route';
import { POST as handoff } from '@/app/api/walkthrough/handoff/route';
import { POST as join } from '@/app/api/walkthrough/join/route';
import { POST as progress } from '@/app/api/walkthrough/progress/route';
import { POST as startOverRoute } from '@/app/api/walkthrough/start-over/route';
import { POST as signInOptions } from '@/app/api/webauthn/authentication/options/route';
import { POST as signInVerify } from '@/app/api/webauthn/authentication/verify/route';
import { POST as signUpOptions } from '@/app/api/webauthn/registration/options/route';
import { db } from '@/lib/db/client';
import { passwordSignUp, parsePasswordSignUp } from '@/lib/passwords/password-sign-up';
import { siteById } from '@/lib/sites/config';
import { BINDING_COOKIE, hashBinding } from '@/lib/webauthn/browser-binding';
import { registrationVerifyBody, verifyRegistration, registrationOptions } from '@/lib/webauthn/registration';
import { appDatabaseTest } from '@/tools/db/app-database';
import { relyingPartyOf } from '@/tools/testing/relying-party';
import { SoftAuthenticator } from '@/tools/webauthn/soft-authenticator';
import type { CeremonyLogEntry } from './entry';

// The endpoints as Next.js calls them (route handlers with a NextRequest), on a real database.
// `after()` needs Next's request scope, which a unit test has not: here it runs the task at once
// and the test awaits it, as Next would once the response is sent.
const scheduled = vi.hoisted(() => [] as Promise<unknown>[]);
vi.mock('next/server', async (importOriginal) => ({
  ...(await importOriginal<typeof import('next/server')>()),
  after: (task: () => unknown) => {
    scheduled.push(Promise.resolve().then(task));
  },
}));
const afterResponse = async () => {
  await Promise.all(scheduled.splice(0));
};

const it = appDatabaseTest;

beforeEach(() => {
  vi.stubEnv('AUTH_SECRET', 'a'.repeat(43));
});
afterEach(() => {
  vi.unstubAllEnvs();
});

type Route = (request: NextRequest) => Promise<Response>;

/** A browser: a cookie per host, as the binding cookie is. */
class Browser {
  readonly cookies = new Map<string, string>();

  async post(route: Route, host: string, body: unknown, { raw }: { raw?: string } = {}) {
    const headers: Record<string, string> = { host, 'content-type': 'application/json' };
    const cookie = this.cookies.get(host);
    if (cookie) headers.cookie = `${BINDING_COOKIE}=${cookie}`;
    const response = await route(new NextRequest(`https://${host}/api`, { method: 'POST', headers, body: raw ?? JSON.stringify(body) }));
    const set = response.headers.getSetCookie().find((c) => c.startsWith(`${BINDING_COOKIE}=`));
    if (set) this.cookies.set(host, set.slice(BINDING_COOKIE.length + 1).split(';')[0] ?? '');
    await afterResponse();
    return { status: response.status, body: (await response.json()) as Record<string, unknown>, setCookies: response.headers.getSetCookie() };
  }

  bindingHash(host: string): string {
    const value = this.cookies.get(host);
    if (!value) throw new Error(`no binding on ${host}`);
    return hashBinding(value);
  }
}

const entriesOf = (body: Record<string, unknown>) => body.entries as CeremonyLogEntry[];

/** Every row the log and trail tables hold, and the sessions ended: what a refusal must leave as it was. */
const footprint = async () => ({
  log: await db.ceremonyLog.count(),
  links: await db.browserTrail.count(),
  handoffs: await db.trailHandoff.findMany({ orderBy: { tokenHash: 'asc' } }),
  revoked: await db.session.count({ where: { revokedAt: { not: null } } }),
});

const NEW_ENDPOINTS: [string, Route, unknown][] = [
  ['list', listLog, {}],
  ['report', report, { kind: 'authentication', name: 'NotAllowedError', message: 'cancelled' }],
  ['progress', progress, {}],
  ['handoff', handoff, { site: 'uk' }],
  ['join', join, { token: 'A'.repeat(43) }],
  ['start-over', startOverRoute, {}],
];

describe('every new endpoint', () => {
  it.each(NEW_ENDPOINTS)('%s refuses malformed or foreign requests with a catalogue 4xx and writes nothing', async (_name, route, good) => {
    const browser = new Browser();
    await browser.post(report, 'example.co.uk', { kind: 'registration', name: 'SecurityError', message: 'x' });
    const before = await footprint();
    const refusals = [
      await browser.post(route, 'example.co.uk', null, { raw: '{nope' }),
      await browser.post(route, 'example.co.uk', { ...(good as object), extra: 1 }),
      await browser.post(route, 'example.co.uk', ['not', 'an', 'object']),
      await browser.post(route, 'evil.test', good),
    ];
    expect(refusals.map((r) => [r.status, (r.body.error as { code: string }).code])).toEqual([
      [400, 'INVALID_REQUEST'],
      [400, 'INVALID_REQUEST'],
      [400, 'INVALID_REQUEST'],
      [404, 'UNKNOWN_SITE'],
    ]);
    expect(refusals.flatMap((r) => r.setCookies)).toEqual([]);
    expect(await footprint()).toEqual(before);
  });

  it.each([
    [report, { kind: 'authentication', name: 'Not Allowed', message: '' }],
    [report, { kind: 'signing', name: 'NotAllowedError', message: '' }],
    [report, { kind: 'authentication', name: 'NotAllowedError', message: 'x'.repeat(501) }],
    [handoff, { site: 'evil' }],
    [join, { token: 'short' }],
  ] as [Route, unknown][])('refuses a body of the wrong shape naming the field (%#)', async (route, body) => {
    const before = await footprint();
    const answer = await new Browser().post(route, 'example.com', body);
    expect(answer.status).toBe(400);
    expect((answer.body.error as { message: string }).message).toMatch(/^Invalid (kind|name|message|site|token): /);
    expect(await footprint()).toEqual(before);
  });
});

describe('the log endpoints', () => {
  it('answer an empty log to a browser without a binding, and set no cookie', async () => {
    const answer = await new Browser().post(listLog, 'example.co.uk', {});
    expect([answer.status, answer.body, answer.setCookies]).toEqual([200, { entries: [] }, []]);
  });

  it("record the outlet's SecurityError with the well-known file's facts, for this browser only", async () => {
    const browser = new Browser();
    const reported = await browser.post(report, 'example-outlet.com', { kind: 'authentication', name: 'SecurityError', message: 'no listed origin matched', ui: 'button' });
    expect(reported.status).toBe(201);
    // The listed origins use two labels, example and example-rewards, of the five a browser counts.
    expect(reported.body.entry).toMatchObject({
      site: { id: 'outlet', origin: 'https://example-outlet.com' },
      step: 'browser',
      ui: 'button',
      outcome: { ok: false, code: 'SecurityError', message: 'no listed origin matched' },
      browserError: {
        name: 'SecurityError',
        relatedOrigins: { wellKnown: 'https://example.com/.well-known/webauthn', labels: 2, maxLabels: 5, thisOriginListed: false },
      },
    });
    expect((reported.body.entry as CeremonyLogEntry).browserError?.relatedOrigins?.origins).toContain('https://example.co.uk');
    expect(entriesOf((await browser.post(listLog, 'example-outlet.com', {})).body)).toEqual([reported.body.entry]);
    expect(entriesOf((await new Browser().post(listLog, 'example-outlet.com', {})).body)).toEqual([]);
    const progressed = (await browser.post(progress, 'example-outlet.com', {})).body.steps as { id: string; done: boolean }[];
    expect(progressed.filter((step) => step.done).map((step) => step.id)).toEqual(['outlet-refused']);
  });
});

describe('the ceremony routes', () => {
  it('log options and verify after answering, the verify with the ui of its options, and a refused body too', async () => {
    const authenticator = new SoftAuthenticator();
    // An account with this authenticator's passkey, made through the core (the registration route reads cookies()).
    const bindingHash = randomBytes(32).toString('hex');
    const rp = relyingPartyOf('uk');
    const options = await registrationOptions({ rp, body: { username: `r${randomBytes(5).toString('hex')}` }, session: null, bindingHash });
    await verifyRegistration({ rp, body: registrationVerifyBody.parse({ response: authenticator.create(options, rp.origin) }), session: null, bindingHash, userAgent: null, previousSessionId: undefined });

    const browser = new Browser();
    const started = await browser.post(signInOptions, 'example.co.uk', { ui: 'immediate' });
    const response = authenticator.get((started.body.options as PublicKeyCredentialRequestOptionsJSON), rp.origin);
    const signedIn = await browser.post(signInVerify, 'example.co.uk', { response });
    expect(signedIn.status).toBe(200);
    const refused = await browser.post(signInVerify, 'example.co.uk', { response: { id: 3 } });
    expect(refused.status).toBe(400);

    const [bodyRefused, verified, optionsEntry] = entriesOf((await browser.post(listLog, 'example.co.uk', {})).body);
    expect(optionsEntry).toMatchObject({ step: 'options', ui: 'immediate', outcome: { ok: true }, options: { challenge: (started.body.options as { challenge: string }).challenge } });
    expect(verified).toMatchObject({ step: 'verify', ui: 'immediate', outcome: { ok: true }, credential: { id: response.id } });
    expect(bodyRefused).toMatchObject({ step: 'verify', outcome: { ok: false, code: 'INVALID_REQUEST' } });
    expect(bodyRefused?.checks?.every((check) => check.status === 'not-reached')).toBe(true);
    expect((await db.session.findFirstOrThrow({ where: { bindingHash: browser.bindingHash('example.co.uk') } })).siteId).toBe('uk');
  });

  it('log nothing for a browser without a binding, and nothing for a refused options call that made one', async () => {
    const before = await footprint();
    const browser = new Browser();
    expect((await browser.post(signInVerify, 'example.co.uk', { response: {} })).status).toBe(400);
    expect((await browser.post(signUpOptions, 'example.co.uk', { username: 'x' })).status).toBe(422);
    expect(browser.cookies.size).toBe(0);
    expect(await footprint()).toEqual(before);
  });
});

describe('the walkthrough endpoints', () => {
  it("hand this browser's trail to another site, which then reads both sites' log, and start over everywhere", async () => {
    const browser = new Browser();
    await browser.post(report, 'example-rewards.com', { kind: 'registration', name: 'NotAllowedError', message: 'cancelled' });
    const link = await browser.post(handoff, 'example-rewards.com', { site: 'uk' });
    const url = new URL(link.body.url as string);
    expect([url.origin, url.pathname]).toEqual(['https://example.co.uk', '/walkthrough']);
    const token = url.searchParams.get('join') ?? '';

    const joined = await browser.post(join, 'example.co.uk', { token });
    expect([joined.status, joined.body]).toEqual([200, { joined: true }]);
    expect(joined.setCookies.some((c) => c.startsWith(`${BINDING_COOKIE}=`))).toBe(true);
    expect(entriesOf((await browser.post(listLog, 'example.co.uk', {})).body).map((e) => e.site.id)).toEqual(['rewards']);

    const again = await new Browser().post(join, 'example.co.jp', { token });
    expect([again.status, (again.body.error as { code: string }).code]).toEqual([409, 'HANDOFF_USED']);
    expect(again.setCookies).toEqual([]);

    // A password session opened on the UK site by this browser ends with Start over from the Rewards site.
    const site = siteById('uk');
    if (!site) throw new Error('no uk site');
    const signUp = parsePasswordSignUp({ username: `w${randomBytes(5).toString('hex')}`, password: 'tangerine orbit 1987' });
    const account = await passwordSignUp({ site, signUp, userAgent: null, previousSessionId: undefined, bindingHash: browser.bindingHash('example.co.uk') });
    const cleared = await browser.post(startOverRoute, 'example-rewards.com', {});
    expect([cleared.status, cleared.body]).toEqual([200, { cleared: true }]);
    expect(cleared.setCookies.some((c) => /^__Host-authjs\.session-token=;.*Max-Age=0/i.test(c))).toBe(true);
    expect((await db.session.findUniqueOrThrow({ where: { id: account.session.sid } })).revokedAt).not.toBeNull();
    expect(entriesOf((await browser.post(listLog, 'example.co.uk', {})).body)).toEqual([]);
  }, 30_000);
});
