import { test as base, expect } from '@playwright/test';
import type { PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { CeremonyClient, CeremonyError, type JsonResponse } from '@/tools/webauthn/ceremony-client';
import { SoftAuthenticator } from '@/tools/webauthn/soft-authenticator';
import { uniqueUsername } from './account-fixtures';
import { connectTestDb, type TestDb } from './db';
import { writeSecurityResult } from './fuzz/results';
import { APP_PORT } from './ports';

/**
 * Concurrent requests that only the database can settle: a unique index, a conditional DELETE.
 * Every contender is a browser of its own (its own binding cookie and connection), and all
 * of them send at once.
 */

const API = {
  registrationOptions: '/api/webauthn/registration/options',
  registrationVerify: '/api/webauthn/registration/verify',
  authenticationOptions: '/api/webauthn/authentication/options',
  authenticationVerify: '/api/webauthn/authentication/verify',
} as const;

const test = base.extend<{ db: TestDb; clients: (count: number, host: string, authenticator?: SoftAuthenticator) => CeremonyClient[] }>({
  db: async ({}, use) => {
    const connection = await connectTestDb();
    await use(connection.db);
    await connection.close();
  },
  clients: async ({}, use) => {
    const made: CeremonyClient[] = [];
    await use((count, host, authenticator) => {
      const batch = Array.from({ length: count }, () => new CeremonyClient({ port: APP_PORT, host, authenticator }));
      made.push(...batch);
      return batch;
    });
    for (const client of made) client.close();
  },
});

/** POSTs through the client's cookie jar; a refusal is a result here, not an error. */
function raw(client: CeremonyClient, path: string, body: unknown): Promise<JsonResponse> {
  return client.post(path, body).catch((error: unknown) => {
    if (error instanceof CeremonyError) return error.response;
    throw error;
  });
}

function tally(answers: JsonResponse[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { status, body } of answers) {
    const key = status === 200 ? '200' : `${status} ${(body as { error?: { code?: string } }).error?.code ?? JSON.stringify(body)}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

function record(name: string, contenders: number, answers: JsonResponse[]): void {
  writeSecurityResult(`race-${name}`, { race: name, contenders, outcomes: tally(answers) });
}

/** Scrambles the letter case of a username, differently for each contender. */
function anyCase(username: string, seed: number): string {
  return [...username].map((c, i) => ((seed >> (i % 30)) & 1 ? c.toUpperCase() : c.toLowerCase())).join('');
}

test('50 concurrent sign-ups for one username in any letter case: one account, 49 USERNAME_TAKEN', async ({ db, clients }) => {
  const username = uniqueUsername('race');
  const contenders = clients(50, 'example.com');
  const optionsAnswers = await Promise.all(contenders.map((client, i) => raw(client, API.registrationOptions, { username: anyCase(username, i * 7919 + 1) })));
  expect(tally(optionsAnswers), 'every sign-up may start while the name is free').toEqual({ '200': 50 });

  const responses = contenders.map((client, i) =>
    client.authenticator.create((optionsAnswers[i]?.body as { options: PublicKeyCredentialCreationOptionsJSON }).options, client.origin),
  );
  const answers = await Promise.all(contenders.map((client, i) => raw(client, API.registrationVerify, { response: responses[i] })));
  record('same-username-sign-ups', 50, answers);

  expect(tally(answers)).toEqual({ '200': 1, '409 USERNAME_TAKEN': 49 });
  const winner = answers.findIndex((answer) => answer.status === 200);
  expect(await db.footprint({ usernames: [username], credentialIds: responses.map((r) => r.id) })).toEqual({
    users: 1,
    passkeys: 1,
    challenges: 0,
    sessions: 1,
    signInEvents: 0,
  });
  expect(await db.passkeysOf(username)).toEqual([expect.objectContaining({ id: responses[winner]?.id })]);
});

test('one credential registered by two sign-ups at once: one passkey row, the other account never made', async ({ db, clients }) => {
  const [first, second] = clients(2, 'example.co.uk');
  if (!first || !second) throw new Error('two clients expected');
  const usernames = [uniqueUsername('race'), uniqueUsername('race')];
  const options = await Promise.all([first, second].map((client, i) => client.post(API.registrationOptions, { username: usernames[i] })));
  const creation = (i: number) => (options[i]?.body as { options: PublicKeyCredentialCreationOptionsJSON }).options;
  const original = first.authenticator.create(creation(0), first.origin);
  const [credential] = first.authenticator.credentials;
  if (!credential) throw new Error('no credential');
  // The same id and key, attested again for the other challenge: a cloned or replaying authenticator.
  const copy = second.authenticator.create(creation(1), second.origin, credential);
  expect(copy.id).toBe(original.id);

  const answers = await Promise.all([raw(first, API.registrationVerify, { response: original }), raw(second, API.registrationVerify, { response: copy })]);
  record('same-credential-sign-ups', 2, answers);

  expect(tally(answers)).toEqual({ '200': 1, '409 CREDENTIAL_ALREADY_REGISTERED': 1 });
  const winner = usernames[answers.findIndex((answer) => answer.status === 200)] ?? '';
  const loser = usernames.find((name) => name !== winner) ?? '';
  expect(await db.footprint({ credentialIds: [original.id] })).toMatchObject({ users: 1, passkeys: 1, sessions: 1 });
  expect(await db.passkeysOf(winner)).toEqual([expect.objectContaining({ id: original.id })]);
  expect(await db.footprint({ usernames: [loser] })).toEqual({ users: 0, passkeys: 0, challenges: 0, sessions: 0, signInEvents: 0 });
});

test('one credential added twice at once to a signed-in account: one passkey row', async ({ db, clients }) => {
  const owner = new CeremonyClient({ port: APP_PORT, host: 'example.co.jp' });
  const username = uniqueUsername('race');
  try {
    await owner.signUp(username);
    // Two tabs of one signed-in browser would share a binding, and a second options call replaces
    // the first one's challenge; two browsers holding the same session each get a challenge.
    const session = owner.jar.header()?.split('; ').find((cookie) => cookie.startsWith('__Host-authjs.session-token=')) ?? '';
    const tabs = clients(2, 'example.co.jp');
    for (const tab of tabs) tab.jar.store([session]);
    const options = await Promise.all(tabs.map((tab) => tab.post(API.registrationOptions, {})));
    const [first, second] = tabs;
    if (!first || !second) throw new Error('two clients expected');
    const creation = (i: number) => (options[i]?.body as { options: PublicKeyCredentialCreationOptionsJSON }).options;
    const original = first.authenticator.create(creation(0), first.origin);
    const [credential] = first.authenticator.credentials;
    if (!credential) throw new Error('no credential');
    const copy = second.authenticator.create(creation(1), second.origin, credential);

    const answers = await Promise.all([raw(first, API.registrationVerify, { response: original }), raw(second, API.registrationVerify, { response: copy })]);
    record('same-credential-added', 2, answers);

    expect(tally(answers)).toEqual({ '200': 1, '409 CREDENTIAL_ALREADY_REGISTERED': 1 });
    expect((await db.passkeysOf(username)).filter((passkey) => passkey.id === original.id)).toHaveLength(1);
    expect(await db.passkeysOf(username)).toHaveLength(2);
  } finally {
    owner.close();
  }
});

test('one sign-in assertion posted ten times at once: one session, nine CHALLENGE_NOT_FOUND', async ({ db, clients }) => {
  const owner = new CeremonyClient({ port: APP_PORT, host: 'example-rewards.com' });
  const username = uniqueUsername('race');
  try {
    await owner.signUp(username);
    const userId = (await db.userId(username)) ?? '';
    const options = await owner.post(API.authenticationOptions, {});
    const assertion = owner.authenticator.get((options.body as { options: PublicKeyCredentialRequestOptionsJSON }).options, owner.origin);
    // Ten connections of the same browser (same cookies), so the requests really overlap.
    const copies = clients(10, 'example-rewards.com', owner.authenticator);
    const cookies = owner.jar.header()?.split('; ') ?? [];
    for (const copy of copies) copy.jar.store(cookies);

    const answers = await Promise.all(copies.map((copy) => raw(copy, API.authenticationVerify, { response: assertion })));
    record('one-sign-in-challenge', 10, answers);

    expect(tally(answers)).toEqual({ '200': 1, '400 CHALLENGE_NOT_FOUND': 9 });
    expect(await db.signIns(userId)).toEqual([expect.objectContaining({ success: true })]);
    const sessions = await db.sessionSites(userId);
    expect(sessions.filter((s) => !s.revoked)).toHaveLength(1);
    // The sign-up's session, ended by the one sign-in that won, and the sign-in's own.
    expect(sessions).toHaveLength(2);
  } finally {
    owner.close();
  }
});

test('one sign-up attestation posted ten times at once: one account', async ({ db, clients }) => {
  const [starter] = clients(1, 'example.com');
  if (!starter) throw new Error('one client expected');
  const username = uniqueUsername('race');
  const options = await starter.post(API.registrationOptions, { username });
  const attestation = starter.authenticator.create((options.body as { options: PublicKeyCredentialCreationOptionsJSON }).options, starter.origin);
  const copies = clients(10, 'example.com');
  const cookies = starter.jar.header()?.split('; ') ?? [];
  for (const copy of copies) copy.jar.store(cookies);

  const answers = await Promise.all(copies.map((copy) => raw(copy, API.registrationVerify, { response: attestation })));
  record('one-sign-up-challenge', 10, answers);

  expect(tally(answers)).toEqual({ '200': 1, '400 CHALLENGE_NOT_FOUND': 9 });
  expect(await db.footprint({ usernames: [username], credentialIds: [attestation.id] })).toEqual({ users: 1, passkeys: 1, challenges: 0, sessions: 1, signInEvents: 0 });
});
