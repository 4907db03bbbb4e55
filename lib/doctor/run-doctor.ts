import type { SiteConfig } from '@/lib/sites/schema';
import { httpsGet, type Transport } from './https-get';
import { buildReport, type DoctorReport, type HostProbe } from './report';
import { fetchWellKnown } from './well-known';

export interface RunDoctorOptions {
  /** The RP ID host whose /.well-known/webauthn is checked. */
  rpId: string;
  /** The site family it is compared with. */
  config: SiteConfig;
  transport: Transport;
}

/**
 * Fetches the live well-known and probes every configured hostname, all at once, then judges
 * them. Only ever contacts `rpId` and the config's own hostnames.
 */
export async function runDoctor({ rpId, config, transport }: RunDoctorOptions): Promise<DoctorReport> {
  const hostnames = [...new Set(config.sites.flatMap((site) => site.hostnames))];
  const [wellKnown, probes] = await Promise.all([
    fetchWellKnown(rpId, transport),
    Promise.all(hostnames.map(async (hostname) => [hostname, await probeHost(hostname, transport)] as const)),
  ]);
  return buildReport({ rpId, config, wellKnown, probes: new Map(probes) });
}

/** Any HTTP answer over a certificate the platform trusts counts as reachable; redirects included. */
export async function probeHost(hostname: string, transport: Transport): Promise<HostProbe> {
  const outcome = await httpsGet(hostname, '/', transport, { maxBodyBytes: 0 });
  return outcome.kind === 'response' ? { ok: true, status: outcome.status } : { ok: false, failure: outcome.failure };
}
