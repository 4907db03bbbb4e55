import { MAX_RELATED_ORIGIN_LABELS, originLabel } from '@/lib/sites/labels';

/** What a browser makes of one entry of the well-known's `origins`, walking them in order. */
export type OriginEntry =
  /** Its label was counted (or already seen), so a caller with this origin matches here. */
  | { index: number; kind: 'counted'; text: string; origin: string; label: string }
  /** A sixth distinct label: skipped before comparison, so this origin never matches. */
  | { index: number; kind: 'skipped'; text: string; origin: string; label: string }
  /** Not a URL, or a host without a registrable domain (an IP address, localhost): passed over. */
  | { index: number; kind: 'ignored'; text: string; reason: 'not-a-url' | 'no-label' }
  /** Not a string: Chromium stops here and rejects every caller it has not matched yet. */
  | { index: number; kind: 'not-a-string'; json: string };

export interface OriginWalk {
  /** The entries up to and including the first non-string one (Chromium reads no further). */
  entries: OriginEntry[];
  /** Distinct labels in the order they were counted; at most five. */
  labels: string[];
}

/**
 * Chromium's walk over `origins` (content/browser/webauth/remote_validation.cc,
 * ValidateWellKnownJSON; WebAuthn L3 §5.11.1): invalid URLs and label-less hosts are passed
 * over, each new label is counted until five are seen, and once five are seen an origin with a
 * new label is skipped before it is compared. Since the walk does not depend on the caller until
 * the comparison, one walk answers for every caller: see `originFate`.
 */
export function walkOrigins(origins: readonly unknown[]): OriginWalk {
  const entries: OriginEntry[] = [];
  const labels: string[] = [];
  for (const [index, item] of origins.entries()) {
    if (typeof item !== 'string') {
      entries.push({ index, kind: 'not-a-string', json: JSON.stringify(item) ?? String(item) });
      break;
    }
    let url: URL;
    try {
      url = new URL(item);
    } catch {
      entries.push({ index, kind: 'ignored', text: item, reason: 'not-a-url' });
      continue;
    }
    const label = originLabel(url.hostname);
    if (label === undefined) {
      entries.push({ index, kind: 'ignored', text: item, reason: 'no-label' });
      continue;
    }
    if (!labels.includes(label)) {
      if (labels.length >= MAX_RELATED_ORIGIN_LABELS) {
        entries.push({ index, kind: 'skipped', text: item, origin: url.origin, label });
        continue;
      }
      labels.push(label);
    }
    entries.push({ index, kind: 'counted', text: item, origin: url.origin, label });
  }
  return { entries, labels };
}

export type OriginFate =
  | { kind: 'matched'; index: number }
  | { kind: 'skipped'; index: number; label: string }
  | { kind: 'after-bad-entry'; index: number }
  | { kind: 'absent' };

/** Whether a browser on `callerOrigin` (e.g. `https://example.co.uk`) is let in by the walked file. */
export function originFate(walk: OriginWalk, callerOrigin: string): OriginFate {
  for (const entry of walk.entries) {
    if (entry.kind === 'counted' && entry.origin === callerOrigin) return { kind: 'matched', index: entry.index };
    if (entry.kind === 'not-a-string') return { kind: 'after-bad-entry', index: entry.index };
  }
  const skipped = walk.entries.find((entry) => entry.kind === 'skipped' && entry.origin === callerOrigin);
  return skipped?.kind === 'skipped' ? { kind: 'skipped', index: skipped.index, label: skipped.label } : { kind: 'absent' };
}
