import { siteConfig } from './config';
import type { Site, SiteConfig } from './schema';

/** Lower-cases a Host header value and drops its port and any trailing dot. */
export function normalizeHost(host: string | null | undefined): string {
  if (!host) return '';
  const trimmed = host.trim().toLowerCase();
  // [::1]:3000 keeps its brackets; a bare name drops a :port suffix.
  const withoutPort = trimmed.startsWith('[') ? trimmed.slice(0, trimmed.indexOf(']') + 1) : trimmed.replace(/:\d*$/, '');
  return withoutPort.replace(/\.$/, '');
}

/**
 * The one place a Host header becomes a site. The site is found by exact hostname (primary or
 * alias); anything else, including subdomains of a configured host, is unknown.
 */
export function resolveSite(host: string | null | undefined, config: SiteConfig = siteConfig): { site: Site; hostname: string } | undefined {
  const hostname = normalizeHost(host);
  const site = config.sites.find((candidate) => candidate.hostnames.includes(hostname));
  return site ? { site, hostname } : undefined;
}

/** Loopback hosts, where the app answers with the local index page instead of a site. */
export function isLoopbackHost(host: string | null | undefined): boolean {
  const hostname = normalizeHost(host);
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}
