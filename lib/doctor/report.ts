import { relatedOrigins } from '@/lib/sites/config';
import { originLabel } from '@/lib/sites/labels';
import type { SiteConfig } from '@/lib/sites/schema';
import type { TransportFailure } from './https-get';
import { originFate, walkOrigins, type OriginEntry, type OriginWalk } from './origin-walk';
import { wellKnownUrl, type WellKnownProblem, type WellKnownResult } from './well-known';

export type Severity = 'error' | 'warning' | 'info';

/** Every finding the doctor can make; the message catalogues (`doctor.findings`) have one text per code. */
export type FindingCode =
  | 'rp-id-mismatch'
  | 'vercel-target'
  | 'file-timeout'
  | 'file-unreachable'
  | 'file-tls'
  | 'file-redirect'
  | 'file-status'
  | 'file-too-large'
  | 'file-content-type'
  | 'file-invalid-json'
  | 'file-not-an-object'
  | 'file-no-origins'
  | 'entry-not-string'
  | 'entry-ignored'
  | 'origin-missing'
  | 'origin-missing-same-domain'
  | 'origin-skipped'
  | 'origin-after-bad-entry'
  | 'site-unlisted'
  | 'unlisted-but-live'
  | 'unlisted-same-domain'
  | 'extra-origin'
  | 'order-differs'
  | 'vercel-hostname'
  | 'host-timeout'
  | 'host-unreachable'
  | 'host-tls'
  | 'host-server-error';

export interface Finding {
  severity: Severity;
  code: FindingCode;
  /** The placeholders of the finding's message. */
  values: Record<string, string | number>;
}

/** A light HTTPS request to a host: did it answer, over a certificate a browser accepts? */
export type HostProbe = { ok: true; status: number } | { ok: false; failure: TransportFailure };

/**
 * What a browser on this host makes of the RP ID:
 * `rp-domain`, the host is the RP ID or under it, so no list is needed; `matched`, the live file
 * lets it in; `skipped`, it is listed after five other labels; `absent`, not in the live file;
 * `after-bad-entry`, listed after a non-string entry; `file-unusable`, the file cannot be read.
 */
export type HostVerdict = 'rp-domain' | 'matched' | 'skipped' | 'absent' | 'after-bad-entry' | 'file-unusable';

export interface HostReport {
  hostname: string;
  origin: string;
  verdict: HostVerdict;
  probe: HostProbe;
  /** A *.vercel.app hostname: a label of its own. */
  vercel: boolean;
}

/** `works`: passkeys work on every hostname; `fails`: a listed site where some do not; `unlisted`: listed: false. */
export type SiteVerdict = 'works' | 'fails' | 'unlisted';

export interface SiteReport {
  id: string;
  name: string;
  listed: boolean;
  verdict: SiteVerdict;
  hosts: HostReport[];
}

export interface FileReport {
  url: string;
  problem?: WellKnownProblem;
  /** The browser's walk over the live `origins`, when the file could be read. */
  walk?: OriginWalk;
  /** Against the origins sites.config.ts lists, when the file could be read. */
  comparison?: { missing: string[]; extra: string[]; orderDiffers: boolean };
}

export interface DoctorReport {
  /** The RP ID whose well-known was checked. */
  rpId: string;
  /** The RP ID of the site config compared with it. */
  configRpId: string;
  file: FileReport;
  sites: SiteReport[];
  /** Errors first, then warnings, then notes. */
  findings: Finding[];
  /** True when no finding is an error: every listed site would work. */
  ok: boolean;
}

export interface ReportInput {
  rpId: string;
  config: SiteConfig;
  wellKnown: WellKnownResult;
  /** Probe of every configured hostname. */
  probes: ReadonlyMap<string, HostProbe>;
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Vercel gives every deployment a hostname under vercel.app, which is on the public suffix list. */
export function isVercelHostname(hostname: string): boolean {
  return hostname.endsWith('.vercel.app');
}

/** Judges a fetched well-known and the host probes against a site config. Pure. */
export function buildReport({ rpId, config, wellKnown, probes }: ReportInput): DoctorReport {
  const findings: Finding[] = [];
  const add = (severity: Severity, code: FindingCode, values: Finding['values'] = {}) => findings.push({ severity, code, values });
  const url = wellKnownUrl(rpId);

  if (rpId !== config.rpId) {
    add('error', isVercelHostname(rpId) ? 'vercel-target' : 'rp-id-mismatch', { checked: rpId, configured: config.rpId });
  }

  const file: FileReport = { url };
  if (!wellKnown.ok) {
    file.problem = wellKnown.problem;
    const { code, values } = fileFinding(wellKnown.problem, rpId, url);
    add('error', code, values);
  } else {
    const walk = walkOrigins(wellKnown.origins);
    file.walk = walk;
    file.comparison = compare(walk, relatedOrigins(config));
    for (const entry of walk.entries) {
      if (entry.kind === 'not-a-string') add('error', 'entry-not-string', { index: entry.index, value: entry.json });
      if (entry.kind === 'ignored') add('warning', 'entry-ignored', { index: entry.index, text: entry.text });
    }
  }

  const sites = config.sites.map((site): SiteReport => {
    const hosts = site.hostnames.map((hostname): HostReport => {
      const origin = `https://${hostname}`;
      const probe: HostProbe = probes.get(hostname) ?? { ok: false, failure: { stage: 'connect', detail: 'not probed' } };
      return { hostname, origin, verdict: hostVerdict(hostname, origin, rpId, file), probe, vercel: isVercelHostname(hostname) };
    });

    for (const host of hosts) {
      const names = { origin: host.origin, site: site.name, rpId };
      const inLiveFile = file.walk?.entries.some((entry) => 'origin' in entry && entry.origin === host.origin) ?? false;
      if (site.listed) {
        if (host.verdict === 'absent') add('error', 'origin-missing', names);
        if (host.verdict === 'skipped') add('error', 'origin-skipped', { ...names, labels: file.walk?.labels.join(', ') ?? '' });
        if (host.verdict === 'after-bad-entry') add('error', 'origin-after-bad-entry', names);
        if (host.verdict === 'rp-domain' && file.walk && !inLiveFile) add('info', 'origin-missing-same-domain', names);
      } else if (host.verdict === 'rp-domain') {
        add('warning', 'unlisted-same-domain', { ...names, host: host.hostname });
      } else if (inLiveFile) {
        add('warning', 'unlisted-but-live', names);
      }
      if (host.vercel) add('info', 'vercel-hostname', { host: host.hostname, label: originLabel(host.hostname) ?? host.hostname });
      const probeFinding = hostFinding(host);
      // An unreachable site that is not listed breaks no passkey: worth knowing, not a failure.
      if (probeFinding) add(site.listed ? probeFinding.severity : 'warning', probeFinding.code, probeFinding.values);
    }
    // "Fails there on purpose" only while it does: a stale live file may still let it in (warned above).
    const letIn = hosts.some((host) => host.verdict === 'matched' || host.verdict === 'rp-domain');
    if (!site.listed && !letIn) add('info', 'site-unlisted', { origin: hosts[0]?.origin ?? '', site: site.name, rpId });

    const works = hosts.every((host) => (host.verdict === 'rp-domain' || host.verdict === 'matched') && host.probe.ok);
    return { id: site.id, name: site.name, listed: site.listed, verdict: !site.listed ? 'unlisted' : works ? 'works' : 'fails', hosts };
  });

  if (file.comparison) {
    const configured = new Set(config.sites.flatMap((site) => site.hostnames.map((hostname) => `https://${hostname}`)));
    for (const origin of file.comparison.extra) if (!configured.has(origin)) add('warning', 'extra-origin', { origin });
    if (file.comparison.orderDiffers) add('info', 'order-differs');
  }

  findings.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  return { rpId, configRpId: config.rpId, file, sites, findings, ok: !findings.some((finding) => finding.severity === 'error') };
}

function hostVerdict(hostname: string, origin: string, rpId: string, file: FileReport): HostVerdict {
  // Browsers fetch the list only when the RP ID is neither the caller's host nor a suffix of it.
  if (hostname === rpId || hostname.endsWith(`.${rpId}`)) return 'rp-domain';
  if (!file.walk) return 'file-unusable';
  const fate = originFate(file.walk, origin);
  return fate.kind;
}

/** Live origins against the config's: what is missing, what is extra, and whether the order alone differs. */
function compare(walk: OriginWalk, expected: readonly string[]): NonNullable<FileReport['comparison']> {
  const live = walk.entries.filter((entry): entry is Extract<OriginEntry, { origin: string }> => 'origin' in entry).map((entry) => entry.origin);
  const liveSet = new Set(live);
  const expectedSet = new Set(expected);
  const missing = expected.filter((origin) => !liveSet.has(origin));
  const extra = [...liveSet].filter((origin) => !expectedSet.has(origin));
  const orderDiffers = missing.length === 0 && extra.length === 0 && [...liveSet].join() !== [...expectedSet].join();
  return { missing, extra, orderDiffers };
}

function fileFinding(problem: WellKnownProblem, host: string, url: string): Pick<Finding, 'code' | 'values'> {
  switch (problem.code) {
    case 'unreachable': {
      const { failure } = problem;
      if (failure.stage === 'timeout') return { code: 'file-timeout', values: { url, seconds: failure.timeoutMs / 1000 } };
      if (failure.stage === 'tls') return { code: 'file-tls', values: { url, host, detail: failure.detail } };
      return { code: 'file-unreachable', values: { url, host, detail: failure.detail } };
    }
    case 'redirect':
      return { code: 'file-redirect', values: { url, host, status: problem.status, location: problem.location } };
    case 'status':
      return { code: 'file-status', values: { url, host, status: problem.status } };
    case 'too-large':
      return { code: 'file-too-large', values: { url, limit: problem.limit } };
    case 'content-type':
      return { code: 'file-content-type', values: { url, contentType: problem.contentType || '(none)' } };
    case 'invalid-json':
      return { code: 'file-invalid-json', values: { url, detail: problem.detail } };
    case 'not-an-object':
      return { code: 'file-not-an-object', values: { url } };
    case 'no-origins':
      return { code: 'file-no-origins', values: { url } };
  }
}

function hostFinding({ hostname, probe }: HostReport): Finding | undefined {
  if (probe.ok) return probe.status >= 500 ? { severity: 'warning', code: 'host-server-error', values: { host: hostname, status: probe.status } } : undefined;
  const { failure } = probe;
  if (failure.stage === 'timeout') return { severity: 'error', code: 'host-timeout', values: { host: hostname, seconds: failure.timeoutMs / 1000 } };
  if (failure.stage === 'tls') return { severity: 'error', code: 'host-tls', values: { host: hostname, detail: failure.detail } };
  return { severity: 'error', code: 'host-unreachable', values: { host: hostname, detail: failure.detail } };
}
