import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { CeremonyClient } from '@/tools/webauthn/ceremony-client';
import { SoftAuthenticator } from '@/tools/webauthn/soft-authenticator';
import { closedLoop, type LoopResult, type StopRule } from './load';

/** Where the load goes: a server or a balancer on localhost, as one site (its Host). */
export interface Target {
  port: number;
  host: string;
}

/** One simulated browser: its own connection, cookie jar and passkey provider. */
export interface SignInClient {
  agent: http.Agent;
  client: CeremonyClient;
}

const NOOP_PATH = '/api/bench/noop';

/** Usernames unique across runs sharing a database, within the API's 3–32 characters. */
function usernames(prefix: string): () => string {
  const run = randomBytes(4).toString('hex');
  let next = 0;
  return () => `${prefix}${run}${(next++).toString(36)}`;
}

/** `count` accounts with one passkey each, made through the API's own sign-up. */
export async function signUpClients(target: Target, count: number): Promise<SignInClient[]> {
  const name = usernames('si');
  return Promise.all(
    Array.from({ length: count }, async () => {
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      const client = new CeremonyClient({ ...target, agent });
      await client.signUp(name());
      return { agent, client };
    }),
  );
}

/** The same browsers (their passkeys and cookies) pointed at another port, e.g. a balancer. */
export function retarget(clients: readonly SignInClient[], target: Target): SignInClient[] {
  return clients.map(({ client }) => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    return { agent, client: new CeremonyClient({ ...target, agent, authenticator: client.authenticator }) };
  });
}

export function closeClients(clients: readonly SignInClient[]): void {
  for (const { agent } of clients) agent.destroy();
}

/**
 * Full discoverable sign-ins, over and over. The session cookie each one earns is dropped
 * afterwards, as after a sign-out: every sign-in starts signed out, with only the ceremony
 * binding cookie a returning browser keeps.
 */
export function signIns(clients: readonly SignInClient[], stop: StopRule, onCompleted?: (completed: number) => void): Promise<LoopResult> {
  return closedLoop(
    clients,
    async ({ client }) => {
      await client.signIn();
      client.jar.delete((name) => name !== BINDING_COOKIE && name !== EXPRESS_SESSION_COOKIE);
    },
    stop,
    onCompleted,
  );
}

/** Sign-ups, each by a new visitor: fresh cookie jar, fresh passkey provider, new username. */
export async function signUps(target: Target, clients: number, stop: StopRule): Promise<LoopResult> {
  const name = usernames('su');
  const agents = Array.from({ length: clients }, () => new http.Agent({ keepAlive: true, maxSockets: 1 }));
  try {
    return await closedLoop(
      agents,
      async (agent) => {
        await new CeremonyClient({ ...target, agent }).signUp(name());
      },
      stop,
    );
  } finally {
    for (const agent of agents) agent.destroy();
  }
}

/**
 * The framework's ceiling: two POSTs to the bench build's no-op route per iteration, shaped like a
 * sign-in's two (an empty body, then one the size of an assertion), through the same proxy.ts.
 */
export async function noOps(target: Target, clients: number, stop: StopRule): Promise<LoopResult> {
  const assertionSized = sampleAssertion();
  const jsonClients = Array.from({ length: clients }, () => new CeremonyClient(target));
  try {
    return await closedLoop(
      jsonClients,
      async (client) => {
        await client.post(NOOP_PATH, {});
        await client.post(NOOP_PATH, assertionSized);
      },
      stop,
    );
  } finally {
    for (const client of jsonClients) client.close();
  }
}

/** The page a visitor lands on to sign in: what the CSP choice (static pages or per-request nonces) costs. */
export const PAGE_PATH = '/signin';

/** Closed-loop views of the sign-in page, as browsers without a session load it. */
export async function pageViews(target: Target, clients: number, stop: StopRule): Promise<LoopResult> {
  const browsers = Array.from({ length: clients }, () => new CeremonyClient(target));
  try {
    return await closedLoop(browsers, (browser) => browser.get(PAGE_PATH).then(() => undefined), stop);
  } finally {
    for (const browser of browsers) browser.close();
  }
}

/** Whether the server has the no-op route (bench builds only). */
export async function hasNoOpRoute(target: Target): Promise<boolean> {
  const client = new CeremonyClient(target);
  try {
    await client.post(NOOP_PATH, {});
    return true;
  } catch {
    return false;
  } finally {
    client.close();
  }
}

/** The cookies a returning browser keeps between sign-ins: the project's binding, Express's session. */
const BINDING_COOKIE = '__Host-atlas-ceremony';
const EXPRESS_SESSION_COOKIE = 'connect.sid';

function sampleAssertion(): { response: unknown } {
  const authenticator = new SoftAuthenticator();
  const rpId = 'example.com';
  const challenge = randomBytes(32).toString('base64url');
  authenticator.create(
    {
      rp: { id: rpId, name: 'bench' },
      user: { id: randomBytes(32).toString('base64url'), name: 'bench', displayName: 'bench' },
      challenge,
      pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
    },
    `https://${rpId}`,
  );
  return { response: authenticator.get({ challenge, rpId }, `https://${rpId}`) };
}
