import { randomBytes } from 'node:crypto';
import { test as base, expect } from '@playwright/test';
import { projectRoot } from '@/tools/db/paths';
import { resolveDatabase } from '@/tools/db/embedded';
import { SERVED_BY_HEADER, startBalancer } from '@/tools/instances/balancer';
import { freePort } from '@/tools/instances/free-port';
import { startNextServer } from '@/tools/instances/next-server';
import { CeremonyClient, type Ceremony, type JsonResponse } from '@/tools/webauthn/ceremony-client';
import { uniqueUsername } from './account-fixtures';
import { connectTestDb, type TestDb } from './db';

interface Cluster {
  /** The round-robin balancer in front of both instances. */
  port: number;
  /** `localhost:<port>` of each instance, as the balancer names them in its x-served-by header. */
  instances: string[];
}

/**
 * Two instances of the production build (.next) on their own ports, sharing only what production
 * instances share: the database (the suite's test database) and AUTH_SECRET (a fresh one, so
 * nothing of the suite's own server is reused). A balancer without sticky sessions sends each
 * request to the next instance. The suite's own web server is not involved.
 */
const test = base.extend<{ db: TestDb }, { cluster: Cluster }>({
  cluster: [
    async ({}, use, workerInfo) => {
      const database = await resolveDatabase({ purpose: 'test' });
      const env = { DATABASE_URL: database.url, AUTH_SECRET: randomBytes(32).toString('base64url') };
      const logDir = workerInfo.project.outputDir;
      const instances = await Promise.all(
        [1, 2].map(async (n) => startNextServer({ appDir: projectRoot, port: await freePort(), env, logFile: `${logDir}/scale-out-instance-${n}.log` })),
      );
      const balancer = await startBalancer({ upstreams: instances.map((instance) => ({ host: 'localhost', port: instance.port })) });
      await use({ port: balancer.port, instances: instances.map((instance) => `localhost:${instance.port}`) });
      await balancer.close();
      await Promise.all(instances.map((instance) => instance.stop()));
      await database.stop();
    },
    // Two cold `next start`s on a busy 2-core machine.
    { scope: 'worker', timeout: 240_000 },
  ],
  db: async ({}, use) => {
    const connection = await connectTestDb();
    await use(connection.db);
    await connection.close();
  },
});

function servedBy(response: JsonResponse): string {
  const value = response.headers[SERVED_BY_HEADER];
  if (typeof value !== 'string') throw new Error(`No ${SERVED_BY_HEADER} header: the request did not go through the balancer`);
  return value;
}

/** Both requests answered 200, each by a different instance: nothing of the ceremony stayed in one. */
function expectSplit(ceremony: Ceremony, cluster: Cluster): void {
  expect(ceremony.options.status).toBe(200);
  expect(ceremony.verify.status).toBe(200);
  const options = servedBy(ceremony.options);
  const verify = servedBy(ceremony.verify);
  expect(cluster.instances).toContain(options);
  expect(cluster.instances).toContain(verify);
  expect(verify, 'verify must land on the other instance than its options').not.toBe(options);
}

test.describe('two instances behind a round-robin balancer, no sticky sessions', () => {
  test('sign-up, sign-in and add-passkey each split their two requests across the instances', async ({ cluster, db }) => {
    const client = new CeremonyClient({ port: cluster.port, host: 'example.co.uk' });
    const username = uniqueUsername('scale');
    try {
      const signUp = await client.signUp(username);
      expectSplit(signUp, cluster);
      const { user, passkey: first } = signUp.verify.body as { user: { id: string; username: string }; passkey: { id: string } };
      expect(user.username).toBe(username);

      const signIn = await client.signIn();
      expectSplit(signIn, cluster);
      expect(signIn.verify.body).toMatchObject({ user: { id: user.id }, passkey: { id: first.id } });

      // The session cookie from an instance's verify is honoured by the other one.
      const added = await client.addPasskey();
      expectSplit(added, cluster);
      const { passkey: second } = added.verify.body as { passkey: { id: string } };
      expect(second.id).not.toBe(first.id);

      const addedCredential = client.authenticator.credentials[1];
      expect(addedCredential?.id.toString('base64url')).toBe(second.id);
      const withAdded = await client.signIn(addedCredential);
      expectSplit(withAdded, cluster);
      expect(withAdded.verify.body).toMatchObject({ user: { id: user.id }, passkey: { id: second.id } });

      expect((await db.passkeysOf(username)).map((p) => p.id).sort()).toEqual([first.id, second.id].sort());
    } finally {
      client.close();
    }
  });

  test('the bench-only no-op route is not part of the production build', async ({ cluster }) => {
    const client = new CeremonyClient({ port: cluster.port, host: 'example.com' });
    try {
      await expect(client.post('/api/bench/noop', {})).rejects.toMatchObject({ response: { status: 404 } });
    } finally {
      client.close();
    }
  });
});
