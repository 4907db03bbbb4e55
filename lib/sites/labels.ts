import { parse } from 'tldts';

/** Chromium stops considering new labels once it has seen this many (WebAuthn L3 §5.11). */
export const MAX_RELATED_ORIGIN_LABELS = 5;

/**
 * The label Chromium counts for a related origin: the registrable domain (eTLD+1, private
 * suffixes such as vercel.app included) up to its first dot. example.co.uk → "example";
 * my-app-git-x.vercel.app → "my-app-git-x". Undefined when the host has no registrable domain
 * (an IP address, localhost, a bare public suffix).
 */
export function originLabel(hostname: string): string | undefined {
  const parsed = parse(hostname, { allowPrivateDomains: true });
  return parsed.domainWithoutSuffix || undefined;
}

/** Distinct labels of the given hostnames, in first-seen order (the order Chromium counts them). */
export function distinctLabels(hostnames: readonly string[]): string[] {
  const labels: string[] = [];
  for (const hostname of hostnames) {
    const label = originLabel(hostname);
    if (label !== undefined && !labels.includes(label)) labels.push(label);
  }
  return labels;
}
