import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { expect, test } from '@playwright/test';
import fc from 'fast-check';
import type { PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { allHostnames, primaryOrigin, siteConfig } from '@/lib/sites/config';
import { isLoopbackHost, resolveSite } from '@/lib/sites/resolve-site';
import { CeremonyClient } from '@/tools/webauthn/ceremony-client';
import { SoftAuthenticator, type SoftCredential } from '@/tools/webauthn/soft-authenticator';
import { renameRawRequest, renameRequestCase } from './fuzz/account-requests';
import { actionRawRequest, actionRequestCase } from './fuzz/action-requests';
import { authRawRequest, authRequestCase } from './fuzz/auth-requests';
import { errorCodeOf } from './fuzz/catalogue';
import {
  authenticationMutation,
  editName,
  mutateAuthentication,
  mutateRegistration,
  registrationMutation,
  type AuthenticationEdit,
  type RegistrationEdit,
} from './fuzz/ceremony-mutations';
import { connectFootprintDb, diffRows, type AccountRows } from './fuzz/footprint';
import { jsonRequestCase, toRawRequest, type CookieChoice } from './fuzz/json-requests';
import { ensure, Lane, suiteRuns, suiteSeed } from './fuzz/lane';
import { writeSecurityResult } from './fuzz/results';
import { send, type Outcome, type RawRequest } from './fuzz/send';
import { APP_PORT } from './ports';

const API = {
  registrationOptions: '/api/webauthn/registration/options',
  registrationVerify: '/api/webauthn/registration/verify',
  authenticationOptions: '/api/webauthn/authentication/options',
  authenticationVerify: '/api/webauthn/authentication/verify',
} as const;

const HOSTS = allHostnames();

/** Endpoints that answer a well-formed request from any browser (join never: no token of the suite's is sent). */
const TRAIL_ENDPOINTS = new Set<string>(['/api/ceremony-log/list', '/api/ceremony-log/report', '/api/walkthrough/progress', '/api/walkthrough/handoff', '/api/walkthrough/start-over']);
const ORIGINS = siteConfig.sites.map(primaryOrigin);

/** Each lane's share of the generated requests; they run side by side, each one request at a time. */
const SHARES = { json: 0.4, registration: 0.15, authentication: 0.2, authjs: 0.1, account: 0.08, pages: 0.07 };

/** A signed-up account of the suite's own, with what it needs to sign in again. */
interface OwnAccount {
  authenticator: SoftAuthenticator;
  credential: SoftCredential;
  passkeyId: string;
  /** Its session cookie on the site it signed up on, as the sign-up set it. */
  cookie: string;
}

type Answer = Extract<Outcome, { kind: 'response' }>;

/** A refusal may end a request, never the connection, and never with a server error. */
function ensureAnswered(outcome: Outcome, label: string): asserts outcome is Answer {
  ensure(outcome.kind === 'response', () => `${label} dropped: ${outcome.kind === 'dropped' ? outcome.error : ''}`);
  ensure(outcome.status < 500, () => `${label} answered ${outcome.status}: ${outcome.body.toString('utf8').slice(0, 300)}`);
}

/** A JSON API refusal carries the catalogue's shape; returns its code. */
function catalogueCode(outcome: Answer, label: string): string {
  const answer = errorCodeOf(outcome.body);
  ensure('code' in answer, () => `${label} answered ${outcome.status}: ${'problem' in answer ? answer.problem : ''}`);
  return answer.code;
}

function describeRequest(request: RawRequest): string {
  const body = request.body === undefined ? '' : ` ${JSON.stringify(request.body.subarray(0, 200).toString('utf8'))}${request.body.length > 200 ? `… (${request.body.length} bytes)` : ''}`;
  return `${request.method} ${request.path} host=${request.host} ${JSON.stringify(request.headers).slice(0, 300)}${body}`;
}

function changedColumns(before: string | undefined, after: string | undefined): string[] {
  const a = JSON.parse(before ?? '{}') as Record<string, unknown>;
  const b = JSON.parse(after ?? '{}') as Record<string, unknown>;
  return Object.keys({ ...a, ...b }).filter((key) => JSON.stringify(a[key]) !== JSON.stringify(b[key]));
}

test('hostile requests to every JSON endpoint, Auth.js route and page (server-action calls): no 5xx, no dropped connection, nothing written', async () => {
  const seed = suiteSeed();
  const total = suiteRuns();
  // Generous: the suite aims at under 3 minutes for 10,000 requests on 2 busy cores.
  test.setTimeout(Math.max(240_000, total * 40));
  const tag = `fz${randomBytes(3).toString('hex')}`;
  console.log(`fuzz: seed ${seed} (replay with FUZZ_SEED=${seed}), ${total} generated requests, accounts tagged ${tag}`);

  const db = await connectFootprintDb();
  const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  try {
    // ---- The suite's own accounts: sign-in targets, and sessions that hostile requests carry ----
    async function signUp(suffix: string, host: string, authenticator: SoftAuthenticator): Promise<OwnAccount> {
      const client = new CeremonyClient({ port: APP_PORT, host, agent, authenticator });
      const { verify } = await client.signUp(`${tag}-${suffix}`);
      const { passkey } = verify.body as { passkey: { id: string } };
      const credential = authenticator.credentials.at(-1);
      const cookie = client.jar.header();
      if (!credential || !cookie) throw new Error('sign-up left no credential or cookie');
      return { authenticator, credential, passkeyId: passkey.id, cookie };
    }
    const synced = await signUp('synced', 'example.com', new SoftAuthenticator());
    const deviceBound = await signUp('device', 'example.co.uk', new SoftAuthenticator({ backupEligible: false, counterStep: 1 }));
    const accountOwner = await signUp('account', 'example.com', new SoftAuthenticator());
    const authjsOwner = await signUp('authjs', 'example.co.jp', new SoftAuthenticator());

    const before = await db.accountRows(tag);
    const started = new Date();

    // What valid requests among the generated ones did, so the footprint can be explained.
    const acceptedSignUps: { userId: string; passkeyId: string }[] = [];
    const acceptedSignIns: string[] = [];
    // Names the account lane's passkey was given: each one answered 200.
    const passkeyNamesSaved: string[] = [];
    const usernamesStarted: string[] = [];
    const passwordSignUps: string[] = [];
    // Kinds of mutation the server still accepted, with how often: what "valid" turned out to mean.
    const acceptedMutations: Record<string, number> = {};
    const countAccepted = (edits: (RegistrationEdit | AuthenticationEdit)[]) => {
      const name = edits.map(editName).join(' + ');
      acceptedMutations[name] = (acceptedMutations[name] ?? 0) + 1;
    };
    const codes: Record<string, number> = {};
    const countCode = (code: string) => (codes[code] = (codes[code] ?? 0) + 1);

    const names = Object.keys(SHARES) as (keyof typeof SHARES)[];
    const lanes = Object.fromEntries(names.map((name, index) => [name, new Lane(name, seed + index, Math.ceil(total * SHARES[name]))])) as Record<keyof typeof SHARES, Lane>;

    // ---- From scratch: bodies, types, encodings, content types and cookies ----
    // Two bindings that many requests share, so some reach the per-binding limits and get 429.
    const sharedBindings = Array.from({ length: 2 }, () => randomBytes(32).toString('base64url'));
    const cookieFor = (choice: CookieChoice): string | undefined => {
      switch (choice.kind) {
        case 'none':
          return undefined;
        case 'fresh-binding':
          return `__Host-atlas-ceremony=${randomBytes(32).toString('base64url')}`;
        case 'shared-binding':
          return `__Host-atlas-ceremony=${sharedBindings[choice.index]}`;
        case 'raw':
          return choice.value;
      }
    };
    const fromScratch = lanes.json.check(jsonRequestCase(HOSTS), async (c) => {
      const request = toRawRequest(c, cookieFor);
      const label = describeRequest(request);
      const outcome = await send(APP_PORT, agent, request);
      lanes.json.record(outcome, label);
      ensureAnswered(outcome, label);
      if (!resolveSite(c.host) && !isLoopbackHost(c.host)) {
        // The host router answers for hosts that are no site, before any route runs.
        ensure(outcome.status === 404, () => `${label} answered ${outcome.status}, not the host router's 404`);
        return;
      }
      if (outcome.status >= 400) {
        countCode(catalogueCode(outcome, label));
        return;
      }
      // Signing out without a session of ours is accepted and ends nothing.
      if (c.endpoint === '/api/account/sign-out') {
        ensure(outcome.body.toString('utf8') === '{"signedOut":false}', () => `${label} signed out: ${outcome.body.toString('utf8')}`);
        return;
      }
      // A well-formed password sign-up from scratch is a genuine one: its account is new, no
      // account of the suite's is touched, and the footprint of its own accounts says so.
      if (c.endpoint === '/api/password/sign-up') {
        passwordSignUps.push((JSON.parse(outcome.body.toString('utf8')) as { user: { username: string } }).user.username.toLowerCase());
        return;
      }
      // The ceremony log and the walkthrough accept well-formed requests from any browser, each
      // acting on that browser's own trail only: none of the suite's accounts has a binding there.
      if (TRAIL_ENDPOINTS.has(c.endpoint)) return;
      ensure(c.endpoint.endsWith('/options'), () => `${label} was accepted: ${outcome.body.toString('utf8').slice(0, 300)}`);
      if (c.endpoint === API.registrationOptions) {
        const username = (JSON.parse(c.body) as { username?: unknown }).username;
        if (typeof username === 'string') usernamesStarted.push(username);
      }
    });

    // ---- Genuine sign-ups, one field mutated ----
    let signUpNumber = 0;
    const registrations = lanes.registration.check(fc.record({ host: fc.constantFrom(...HOSTS), mutation: registrationMutation(ORIGINS) }), async ({ host, mutation }) => {
      const client = new CeremonyClient({ port: APP_PORT, host, agent });
      const options = await client.post(API.registrationOptions, { username: `${tag}-r${signUpNumber++}` });
      lanes.registration.counts.setUp++;
      const genuine = client.authenticator.create((options.body as { options: PublicKeyCredentialCreationOptionsJSON }).options, client.origin);
      const request: RawRequest = {
        method: 'POST',
        path: API.registrationVerify,
        host,
        headers: { 'content-type': 'application/json', cookie: client.jar.header() ?? '' },
        body: Buffer.from(JSON.stringify(mutateRegistration(genuine, mutation))),
      };
      const label = describeRequest(request);
      const outcome = await send(APP_PORT, agent, request);
      lanes.registration.record(outcome, label);
      ensureAnswered(outcome, label);
      if (outcome.status >= 400) {
        countCode(catalogueCode(outcome, label));
        return;
      }
      const { user, passkey } = JSON.parse(outcome.body.toString('utf8')) as { user: { id: string }; passkey: { id: string } };
      acceptedSignUps.push({ userId: user.id, passkeyId: passkey.id });
      countAccepted(mutation.edits);
    });

    // ---- Genuine sign-ins, one field mutated, re-signed or not ----
    const signInAccounts = [synced, deviceBound];
    const signIns = lanes.authentication.check(
      fc.record({ account: fc.constantFrom(0, 1), host: fc.constantFrom(...HOSTS), mutation: authenticationMutation(ORIGINS) }),
      async ({ account, host, mutation }) => {
        const { authenticator, credential } = signInAccounts[account] as OwnAccount;
        const client = new CeremonyClient({ port: APP_PORT, host, agent, authenticator });
        const options = await client.post(API.authenticationOptions, {});
        lanes.authentication.counts.setUp++;
        const genuine = authenticator.get((options.body as { options: PublicKeyCredentialRequestOptionsJSON }).options, client.origin, { credential });
        const request: RawRequest = {
          method: 'POST',
          path: API.authenticationVerify,
          host,
          headers: { 'content-type': 'application/json', cookie: client.jar.header() ?? '' },
          body: Buffer.from(JSON.stringify(mutateAuthentication(genuine, mutation, credential.privateKey))),
        };
        const label = describeRequest(request);
        const outcome = await send(APP_PORT, agent, request);
        lanes.authentication.record(outcome, label);
        ensureAnswered(outcome, label);
        if (outcome.status >= 400) {
          countCode(catalogueCode(outcome, label));
          return;
        }
        acceptedSignIns.push((JSON.parse(outcome.body.toString('utf8')) as { passkey: { id: string } }).passkey.id);
        countAccepted(mutation.edits);
      },
    );

    // ---- Auth.js's routes, with forged cookies and the suite's own session ----
    const allowedRedirectHosts = new Set([...HOSTS, 'localhost']);
    const authjs = lanes.authjs.check(authRequestCase(HOSTS), async (c) => {
      const request = authRawRequest(c, authjsOwner.cookie);
      const label = describeRequest(request);
      const outcome = await send(APP_PORT, agent, request);
      lanes.authjs.record(outcome, label);
      ensureAnswered(outcome, label);
      const location = outcome.headers.location;
      // No open redirect: wherever a callbackUrl points, Auth.js sends the browser to this family.
      if (location) ensure(allowedRedirectHosts.has(new URL(location, `https://${c.host}`).hostname), () => `${label} redirected to ${location}`);
    });

    // ---- The account API with the suite's own session: hostile names and ids, other sites ----
    const account = lanes.account.check(renameRequestCase(HOSTS, 'example.com'), async (c) => {
      const request = renameRawRequest(c, { sessionCookie: accountOwner.cookie, ownPasskeyId: accountOwner.passkeyId });
      const label = describeRequest(request);
      const outcome = await send(APP_PORT, agent, request);
      lanes.account.record(outcome, label);
      ensureAnswered(outcome, label);
      if (outcome.status >= 400) {
        countCode(catalogueCode(outcome, label));
        return;
      }
      // The session's site answers on each of its hostnames (www.example.com too), and only there.
      const sameSite = resolveSite(c.host)?.site.id === resolveSite('example.com')?.site.id;
      ensure(c.ownPasskey && sameSite, () => `${label} renamed a passkey that is not the session's own, or on another site`);
      passkeyNamesSaved.push((JSON.parse(outcome.body.toString('utf8')) as { passkey: { name: string } }).passkey.name);
    });

    // ---- Pages: server-action calls (made-up ids, undecodable or hostile arguments) ----
    const pages = lanes.pages.check(actionRequestCase(HOSTS, ORIGINS), async (c) => {
      const request = actionRawRequest(c, { sessionCookie: accountOwner.cookie, ownPasskeyId: accountOwner.passkeyId });
      const label = describeRequest(request);
      const outcome = await send(APP_PORT, agent, request);
      lanes.pages.record(outcome, label);
      ensureAnswered(outcome, label);
      // Pages answer GET and HEAD only; Auth.js's session endpoint is a route, not a page.
      if (!c.page.startsWith('/api/')) ensure(outcome.status === 405, () => `${label} answered ${outcome.status}, not 405`);
    });

    const settled = await Promise.allSettled([fromScratch, registrations, signIns, authjs, account, pages]);
    const seconds = (Date.now() - started.getTime()) / 1000;
    const after = await db.accountRows(tag);

    // ---- Every row change must be the work of a request that was answered 200 ----
    const changes = { users: diffRows(before.users, after.users), passkeys: diffRows(before.passkeys, after.passkeys), sessions: diffRows(before.sessions, after.sessions) };
    const signedInPasskeys = new Set(acceptedSignIns);
    /** A sign-in records its use and moves the counter and backup state; a rename changes the name, to one that was sent. */
    function passkeyChangeExplained(id: string, rowsBefore: AccountRows, rowsAfter: AccountRows): boolean {
      const columns = changedColumns(rowsBefore.passkeys[id], rowsAfter.passkeys[id]);
      const allowed = new Set(signedInPasskeys.has(id) ? ['last_used_at', 'last_used_on_site', 'counter', 'backed_up'] : []);
      if (id === accountOwner.passkeyId) {
        const name = (JSON.parse(rowsAfter.passkeys[id] ?? '{}') as { name?: string }).name ?? '';
        if (passkeyNamesSaved.includes(name)) allowed.add('name');
      }
      return columns.every((c) => allowed.has(c));
    }
    const unexplained = {
      users: [...changes.users.removed, ...changes.users.changed, ...changes.users.added.filter((id) => !acceptedSignUps.some((s) => s.userId === id))],
      passkeys: [
        ...changes.passkeys.removed,
        ...changes.passkeys.added.filter((id) => !acceptedSignUps.some((s) => s.passkeyId === id)),
        ...changes.passkeys.changed.filter((id) => !passkeyChangeExplained(id, before, after)),
      ],
      sessions: [...changes.sessions.removed, ...changes.sessions.changed],
      sessionsAdded: changes.sessions.added.length - (acceptedSignUps.length + acceptedSignIns.length),
      // A passkey sign-up started from scratch never finishes; a password one may, on its own name.
      accountsFromScratch: (await db.accountsCreatedSince(usernamesStarted, started)).filter((name) => !passwordSignUps.includes(name.toLowerCase())),
    };

    const laneCounts = Object.fromEntries(Object.values(lanes).map((l) => [l.name, l.counts]));
    const sum = (pick: (l: Lane) => number) => Object.values(lanes).reduce((n, l) => n + pick(l), 0);
    const figures = {
      seed,
      requests: sum((l) => l.counts.requests),
      setUpRequests: sum((l) => l.counts.setUp),
      serverErrors: sum((l) => l.counts.serverErrors.length),
      dropped: sum((l) => l.counts.dropped.length),
      rateLimited: sum((l) => l.counts.byStatus['429'] ?? 0),
      accepted: { signUps: acceptedSignUps.length, signIns: acceptedSignIns.length, passwordSignUps: passwordSignUps.length },
      rowsChangedByInvalidRequests:
        unexplained.users.length + unexplained.passkeys.length + unexplained.sessions.length + Math.abs(unexplained.sessionsAdded) + unexplained.accountsFromScratch.length,
      seconds,
      codes,
      lanes: laneCounts,
      acceptedMutations,
    };
    writeSecurityResult('fuzz', figures);
    console.log(
      `fuzz: ${figures.requests} generated requests (+${figures.setUpRequests} genuine set-up) in ${seconds.toFixed(0)} s; ` +
        `${figures.serverErrors} server errors, ${figures.dropped} dropped, ${figures.rateLimited} answered 429, ` +
        `${figures.accepted.signUps} mutated sign-ups and ${figures.accepted.signIns} mutated sign-ins still valid, ` +
        `${figures.rowsChangedByInvalidRequests} rows changed by invalid requests; seed ${seed}`,
    );
    for (const l of Object.values(lanes)) console.log(`  ${l.name.padEnd(15)} ${String(l.counts.requests).padStart(6)} requests in ${l.counts.seconds.toFixed(0).padStart(3)} s  ${JSON.stringify(l.counts.byStatus)}`);

    const failures = settled.flatMap((s) => (s.status === 'rejected' ? [String(s.reason instanceof Error ? s.reason.message : s.reason)] : []));
    expect(failures, failures.join('\n\n')).toEqual([]);
    expect(figures.requests, 'generated requests sent').toBeGreaterThanOrEqual(total);
    expect(unexplained).toEqual({ users: [], passkeys: [], sessions: [], sessionsAdded: 0, accountsFromScratch: [] });
  } finally {
    agent.destroy();
    await db.close();
  }
});
