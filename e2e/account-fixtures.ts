import { randomBytes } from 'node:crypto';
import { CeremonyClient } from '@/tools/webauthn/ceremony-client';
import type { SoftAuthenticator } from '@/tools/webauthn/soft-authenticator';
import { Ceremonies, host } from './ceremonies';
import { connectTestDb, type TestDb } from './db';
import { test as base } from './fixtures';
import { APP_PORT } from './ports';

export { expect, origin } from './fixtures';

/** A fresh username no other test (or earlier run) has used; within the 32-character limit. */
export function uniqueUsername(prefix = 'user'): string {
  return `${prefix}-${randomBytes(6).toString('hex')}`;
}

/** CDP reports credential ids in base64; the API and the database use base64url. */
export function base64url(cdpCredentialId: string | undefined): string | undefined {
  return cdpCredentialId === undefined ? undefined : Buffer.from(cdpCredentialId, 'base64').toString('base64url');
}

/** An account made through the API whose only passkey is in this test's virtual authenticator. */
export interface PasskeyUser {
  username: string;
  userId: string;
  credentialId: string;
  /** The site it signed up on. */
  siteId: string;
}

/**
 * Makes the page's browser report no conditional mediation (passkey autofill), as browsers
 * without it do. With it, the virtual authenticator answers the sign-in page's autofill request
 * at once, so the sign-in button could never be the one that signs in. Chromium always has
 * conditional mediation, so a browser without it cannot exist here: this is the one browser API
 * the suite mocks, and only in the tests that opt out of it.
 */
function withoutConditionalMediation(): void {
  const statics = PublicKeyCredential;
  const capabilities = statics.getClientCapabilities.bind(statics);
  statics.getClientCapabilities = async () => ({ ...(await capabilities()), conditionalGet: false });
  statics.isConditionalMediationAvailable = async () => false;
}

/**
 * A browser on a site without a page: the JSON API at the HTTP level, with its own cookie jar
 * and a software passkey provider (tools/webauthn/ceremony-client.ts). Share `authenticator`
 * between clients for one person's passkeys on several sites.
 */
export type BrowserOn = (siteId: string, authenticator?: SoftAuthenticator, options?: { userAgent?: string }) => CeremonyClient;

export const test = base.extend<
  { conditionalMediation: boolean; api: Ceremonies; username: string; signUpSite: string; passkeyUser: PasskeyUser; browserOn: BrowserOn },
  { db: TestDb }
>({
  conditionalMediation: [true, { option: true }],

  page: async ({ page, conditionalMediation }, use) => {
    if (!conditionalMediation) await page.addInitScript(withoutConditionalMediation);
    await use(page);
  },

  db: [
    async ({}, use) => {
      const { db, close } = await connectTestDb();
      await use(db);
      await close();
    },
    { scope: 'worker' },
  ],

  // Depends on the authenticator so that every ceremony has one to answer it (without one,
  // create() and get() wait for a person that never comes).
  api: async ({ page, authenticator }, use) => {
    void authenticator;
    await use(new Ceremonies(page));
  },

  username: async ({}, use) => {
    await use(uniqueUsername());
  },

  signUpSite: ['rewards', { option: true }],

  browserOn: async ({}, use) => {
    const made: CeremonyClient[] = [];
    await use((siteId, authenticator, options = {}) => {
      const client = new CeremonyClient({ port: APP_PORT, host: host(siteId), authenticator, ...options });
      made.push(client);
      return client;
    });
    for (const client of made) client.close();
  },

  /**
   * Signs up through the API on `signUpSite` with the test's authenticator, then drops every
   * cookie: the test starts signed out everywhere, holding exactly one passkey of a real account.
   */
  passkeyUser: async ({ page, api, authenticator, signUpSite }, use) => {
    const username = uniqueUsername('pk');
    await api.visit(signUpSite);
    const { user, passkey } = await api.signUp(username);
    const stored = await authenticator.credentials();
    if (stored.length !== 1 || base64url(stored[0]?.credentialId) !== passkey.id) {
      throw new Error(`passkeyUser: the authenticator should hold just the new passkey, holds ${JSON.stringify(stored)}`);
    }
    await page.context().clearCookies();
    await page.goto('about:blank');
    await use({ username, userId: user.id, credentialId: passkey.id, siteId: signUpSite });
  },
});
