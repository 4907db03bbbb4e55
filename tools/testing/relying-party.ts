import { randomBytes } from 'node:crypto';
import { primaryOrigin, siteById, siteConfig } from '@/lib/sites/config';
import type { RelyingParty } from '@/lib/webauthn/relying-party';

/** The relying party a request to a site's primary hostname gets (lib/webauthn/relying-party.ts). */
export function relyingPartyOf(siteId: string): RelyingParty {
  const site = siteById(siteId);
  if (!site) throw new Error(`no site ${siteId}`);
  return { site, rpId: siteConfig.rpId, rpName: site.name, origin: primaryOrigin(site) };
}

/** The stored hash of a browser binding that no other test has: one browser. */
export const newBindingHash = () => randomBytes(32).toString('hex');
