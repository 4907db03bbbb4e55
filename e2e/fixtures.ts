import { test as base, expect, type CDPSession, type Page } from '@playwright/test';
import { primaryOrigin, siteById } from '@/lib/sites/config';

export { expect };

export type AuthenticatorTransport = 'internal' | 'usb' | 'hybrid';

export interface StoredCredential {
  credentialId: string;
  rpId?: string;
  signCount: number;
  isResidentCredential: boolean;
}

/** A CDP virtual authenticator attached to the test's page: real WebAuthn ceremonies. */
export interface VirtualAuthenticator {
  id: string;
  cdp: CDPSession;
  credentials(): Promise<StoredCredential[]>;
}

export async function addVirtualAuthenticator(page: Page, transport: AuthenticatorTransport = 'internal'): Promise<VirtualAuthenticator> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable', { enableUI: false });
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      ctap2Version: 'ctap2_1',
      transport,
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return {
    id: authenticatorId,
    cdp,
    async credentials() {
      const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
      return credentials;
    },
  };
}

/** https origin of a configured site by id, e.g. origin('uk') → https://example.co.uk */
export function origin(siteId: string): string {
  const site = siteById(siteId);
  if (!site) throw new Error(`No site "${siteId}" in sites.config.ts`);
  return primaryOrigin(site);
}

export const test = base.extend<{ authenticator: VirtualAuthenticator }>({
  authenticator: async ({ page }, use) => {
    await use(await addVirtualAuthenticator(page));
  },
});
