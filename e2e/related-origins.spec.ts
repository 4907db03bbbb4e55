import { siteConfig } from '@/lib/sites/config';
import { expect, origin, test } from './fixtures';

/** A bare navigator.credentials.create() with rp.id = the RP ID, from the page's own origin. */
async function rawCreate(rpId: string): Promise<string> {
  try {
    const credential = await navigator.credentials.create({
      publicKey: {
        rp: { id: rpId, name: 'Related origins check' },
        challenge: crypto.getRandomValues(new Uint8Array(32)),
        user: { id: crypto.getRandomValues(new Uint8Array(16)), name: 'ror-check', displayName: 'ROR check' },
        pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
        authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
      },
    });
    return credential ? 'created' : 'null';
  } catch (error) {
    return error instanceof DOMException ? `${error.name}: ${error.message}` : String(error);
  }
}

test.describe('a raw create() with rp.id example.com', () => {
  for (const site of siteConfig.sites) {
    const expectation = site.listed ? 'succeeds' : 'fails with SecurityError';
    test(`${expectation} on ${site.hostnames[0]}`, async ({ page, authenticator }) => {
      await page.goto(origin(site.id));
      const outcome = await page.evaluate(rawCreate, siteConfig.rpId);
      if (site.listed) {
        expect(outcome).toBe('created');
        const stored = await authenticator.credentials();
        expect(stored).toHaveLength(1);
        expect(stored[0]?.rpId).toBe(siteConfig.rpId);
      } else {
        expect(outcome).toMatch(/^SecurityError: /);
        expect(outcome).toContain('no listed origin matched the caller');
        expect(await authenticator.credentials()).toHaveLength(0);
      }
    });
  }
});
