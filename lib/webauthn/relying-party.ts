import 'server-only';
import { ApiError } from '@/lib/api/errors';
import { siteConfig } from '@/lib/sites/config';
import { resolveSite } from '@/lib/sites/resolve-site';
import type { Site } from '@/lib/sites/schema';

export interface RelyingParty {
  site: Site;
  /** The shared RP ID (example.com) on every site. */
  rpId: string;
  /** Shown by the authenticator while the passkey is created: the brand the person is on. */
  rpName: string;
  /**
   * The one origin a response may come from: the host this request arrived on. Never the whole
   * related-origins list, or an assertion made for one site would be accepted on another
   * (w3c/webauthn#2466).
   */
  origin: string;
}

/** The relying party for a request, from its Host header; unknown hosts are refused. */
export function relyingPartyFor(request: Request): RelyingParty {
  const resolved = resolveSite(request.headers.get('host'));
  if (!resolved) throw new ApiError('UNKNOWN_SITE');
  return { site: resolved.site, rpId: siteConfig.rpId, rpName: resolved.site.name, origin: `https://${resolved.hostname}` };
}
