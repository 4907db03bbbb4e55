import { domainToASCII } from 'node:url';

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * Lower-cases, converts IDNs to their ASCII (punycode) form and removes duplicates, keeping the
 * first-seen order. Browsers put the ASCII form in CONNECT lines and SNI, so the certificate and
 * the proxy must both compare against it. Throws on anything that is not a DNS hostname (no ports,
 * IP addresses, wildcards or schemes), naming the bad entry.
 */
export function normalizeHostnames(hostnames: readonly string[]): string[] {
  if (hostnames.length === 0) throw new Error('The edge needs at least one hostname.');
  const normalized = new Set<string>();
  for (const hostname of hostnames) {
    const ascii = domainToASCII(hostname.trim().toLowerCase());
    const labels = ascii.split('.');
    const valid =
      ascii.length > 0 &&
      ascii.length <= 253 &&
      labels.every((label) => LABEL.test(label)) &&
      !/^[0-9.]+$/.test(ascii);
    if (!valid) throw new Error(`Not a DNS hostname: "${hostname}" (expected e.g. "example.com").`);
    normalized.add(ascii);
  }
  return [...normalized];
}

/** The key two hostname lists are compared by: order and duplicates do not matter. */
export function hostnameSetKey(hostnames: readonly string[]): string {
  return [...new Set(hostnames)].sort().join(',');
}
