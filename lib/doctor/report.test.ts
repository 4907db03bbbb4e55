import { describe, expect, it } from 'vitest';
import { en } from '@/lib/i18n/en';
import { ja } from '@/lib/i18n/ja';
import { PREVIEW_FAMILY, TEST_FAMILY, TEST_FAMILY_ORIGINS, testConfig } from '@/tools/doctor/test-family';
import { describeFinding } from './describe';
import { buildReport, type Finding, type HostProbe, type ReportInput } from './report';
import type { WellKnownResult } from './well-known';

const family = testConfig(TEST_FAMILY);
const allUp = (config = family): Map<string, HostProbe> =>
  new Map(config.sites.flatMap((site) => site.hostnames.map((hostname) => [hostname, { ok: true, status: 200 } as HostProbe])));

function report(overrides: Partial<ReportInput> & { origins?: unknown[] }) {
  const { origins = TEST_FAMILY_ORIGINS, ...rest } = overrides;
  const wellKnown: WellKnownResult = { ok: true, origins };
  return buildReport({ rpId: family.rpId, config: family, wellKnown, probes: allUp(), ...rest });
}
const codes = (findings: Finding[]) => findings.map((finding) => `${finding.severity}:${finding.code}`);
const verdicts = (r: ReturnType<typeof report>) => Object.fromEntries(r.sites.map((site) => [site.id, site.verdict]));

describe('buildReport', () => {
  it('passes the family’s own file: every listed site works, the unlisted one is a note', () => {
    const r = report({});
    expect(r.ok).toBe(true);
    expect(verdicts(r)).toEqual({ alpha: 'works', bravo: 'works', charlie: 'works', delta: 'works', echo: 'unlisted', foxtrot: 'works' });
    expect(r.sites[0]?.hosts.map((host) => host.verdict)).toEqual(['rp-domain', 'rp-domain']);
    expect(r.sites[1]?.hosts[0]?.verdict).toBe('matched');
    expect(codes(r.findings)).toEqual(['info:site-unlisted']);
    expect(r.file.comparison).toEqual({ missing: [], extra: [], orderDiffers: false });
  });

  it('fails a listed site whose origin the live file reaches after five other labels', () => {
    const live = [...TEST_FAMILY_ORIGINS.slice(0, 5), 'https://echo.test', 'https://foxtrot.test'];
    const r = report({ origins: live });
    expect(r.ok).toBe(false);
    expect(verdicts(r).foxtrot).toBe('fails');
    expect(r.sites.find((site) => site.id === 'foxtrot')?.hosts[0]?.verdict).toBe('skipped');
    const skipped = r.findings.find((finding) => finding.code === 'origin-skipped');
    expect(skipped).toMatchObject({ severity: 'error', values: { origin: 'https://foxtrot.test', labels: 'alpha, bravo, charlie, delta, echo' } });
    expect(codes(r.findings)).toContain('warning:unlisted-but-live');
    // Not "fails there on purpose": the stale live file lets it in.
    expect(codes(r.findings)).not.toContain('info:site-unlisted');
  });

  it('names a listed origin missing from the live file, and an extra one the config does not have', () => {
    const r = report({ origins: [...TEST_FAMILY_ORIGINS.filter((origin) => origin !== 'https://bravo.test'), 'https://old-brand.test'] });
    expect(verdicts(r).bravo).toBe('fails');
    expect(r.findings.find((finding) => finding.code === 'origin-missing')?.values.origin).toBe('https://bravo.test');
    expect(r.findings.find((finding) => finding.code === 'extra-origin')?.values.origin).toBe('https://old-brand.test');
    expect(r.file.comparison).toEqual({ missing: ['https://bravo.test'], extra: ['https://old-brand.test'], orderDiffers: false });
  });

  it('notes a different order that changes nothing, and a missing same-domain alias that needs no list', () => {
    const r = report({ origins: [...TEST_FAMILY_ORIGINS].reverse() });
    expect(r.ok).toBe(true);
    expect(codes(r.findings)).toContain('info:order-differs');
    const withoutWww = report({ origins: TEST_FAMILY_ORIGINS.filter((origin) => origin !== 'https://www.alpha.test') });
    expect(withoutWww.ok).toBe(true);
    expect(codes(withoutWww.findings)).toContain('info:origin-missing-same-domain');
  });

  it('fails every site that needs the list when the file cannot be read, but not the RP ID’s own domain', () => {
    const r = report({ wellKnown: { ok: false, problem: { code: 'redirect', status: 302, location: 'https://www.alpha.test/.well-known/webauthn' } } });
    expect(r.ok).toBe(false);
    expect(verdicts(r)).toMatchObject({ alpha: 'works', bravo: 'fails', foxtrot: 'fails' });
    expect(r.findings[0]).toEqual({
      severity: 'error',
      code: 'file-redirect',
      values: { url: 'https://alpha.test/.well-known/webauthn', host: 'alpha.test', status: 302, location: 'https://www.alpha.test/.well-known/webauthn' },
    });
  });

  it('makes an unreachable or untrusted host an error for a listed site and a warning for an unlisted one', () => {
    const probes = allUp();
    probes.set('bravo.test', { ok: false, failure: { stage: 'tls', detail: 'certificate has expired' } });
    probes.set('echo.test', { ok: false, failure: { stage: 'connect', detail: 'getaddrinfo ENOTFOUND echo.test' } });
    probes.set('charlie.test', { ok: true, status: 503 });
    const r = report({ probes });
    expect(verdicts(r)).toMatchObject({ bravo: 'fails', charlie: 'works', echo: 'unlisted' });
    expect(codes(r.findings)).toEqual(['error:host-tls', 'warning:host-server-error', 'warning:host-unreachable', 'info:site-unlisted']);
  });

  it('reports a non-string entry and the listed origins after it', () => {
    const r = report({ origins: ['https://alpha.test', 'https://bravo.test', { origin: 'https://charlie.test' }, ...TEST_FAMILY_ORIGINS.slice(3)] });
    expect(verdicts(r)).toMatchObject({ bravo: 'works', charlie: 'fails', delta: 'fails', foxtrot: 'fails' });
    expect(r.findings[0]).toMatchObject({ severity: 'error', code: 'entry-not-string', values: { index: 2, value: '{"origin":"https://charlie.test"}' } });
  });

  it('explains a Vercel preview hostname given as the RP ID of another config, without failing to run', () => {
    const r = report({ rpId: 'atlas-git-feature-team.vercel.app', wellKnown: { ok: false, problem: { code: 'status', status: 404 } } });
    expect(r.ok).toBe(false);
    expect(r.findings[0]).toMatchObject({ code: 'vercel-target', values: { checked: 'atlas-git-feature-team.vercel.app', configured: 'alpha.test' } });
    expect(codes(report({ rpId: 'beta.test' }).findings)).toContain('error:rp-id-mismatch');
  });

  it('accepts a preview-only config and notes that the preview is a label of its own', () => {
    const preview = testConfig(PREVIEW_FAMILY);
    const r = buildReport({ rpId: preview.rpId, config: preview, wellKnown: { ok: true, origins: ['https://atlas-git-feature-team.vercel.app'] }, probes: allUp(preview) });
    expect(r.ok).toBe(true);
    expect(r.findings).toEqual([{ severity: 'info', code: 'vercel-hostname', values: { host: 'atlas-git-feature-team.vercel.app', label: 'atlas-git-feature-team' } }]);
  });

  it('has a message for every finding in both languages, with every placeholder filled', () => {
    const probes = allUp();
    probes.set('bravo.test', { ok: false, failure: { stage: 'timeout', timeoutMs: 500 } });
    const r = report({ rpId: 'beta.test', probes, origins: ['https://alpha.test', 'nope', 7] });
    expect(r.findings.length).toBeGreaterThan(4);
    for (const finding of r.findings) {
      for (const t of [en.doctor, ja.doctor]) expect(describeFinding(finding, t)).not.toMatch(/\{\w+\}/);
    }
    expect(describeFinding(r.findings.find((finding) => finding.code === 'host-timeout')!, en.doctor)).toContain('0.5 s');
  });
});
