import type { Site } from '@/lib/sites/schema';

/** What the passkey UI needs to know about the site it runs on: built on the server, passed as props. */
export interface PasskeySite {
  name: string;
  /** In the RP ID's /.well-known/webauthn: browsers allow ceremonies here. */
  listed: boolean;
  rpId: string;
  /** Outside the RP ID's domain, so ceremonies here depend on Related Origin Requests. */
  relatedOrigin: boolean;
}

/** Whether `hostname` is the RP ID or under it; anywhere else the browser needs Related Origin Requests. */
export function withinRpId(hostname: string, rpId: string): boolean {
  return hostname === rpId || hostname.endsWith(`.${rpId}`);
}

export function passkeySite(site: Site, rpId: string): PasskeySite {
  return {
    name: site.name,
    listed: site.listed,
    rpId,
    relatedOrigin: site.hostnames.some((hostname) => !withinRpId(hostname, rpId)),
  };
}
