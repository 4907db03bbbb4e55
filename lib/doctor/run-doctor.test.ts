import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { respond, originsFile, startTestDeployment, type TestDeployment } from '@/tools/doctor/test-deployment';
import { PREVIEW_FAMILY, TEST_FAMILY, TEST_FAMILY_ORIGINS, testConfig } from '@/tools/doctor/test-family';
import type { Transport } from './https-get';
import { runDoctor } from './run-doctor';

const family = testConfig(TEST_FAMILY);
const preview = testConfig(PREVIEW_FAMILY);
const HOSTNAMES = [...family.sites.flatMap((site) => site.hostnames), ...PREVIEW_FAMILY.sites[0]!.hostnames];

let deployment: TestDeployment;
let transport: Transport;

beforeAll(async () => {
  deployment = await startTestDeployment({ rpIds: [family.rpId, preview.rpId], hostnames: HOSTNAMES });
  transport = { proxy: new URL(deployment.proxyUrl), ca: deployment.certPem, timeoutMs: 2_000 };
});
afterAll(() => deployment.close());
beforeEach(() => deployment.wellKnownRequests.splice(0));

const check = (overrides: Partial<Parameters<typeof runDoctor>[0]> = {}) => runDoctor({ rpId: family.rpId, config: family, transport, ...overrides });

describe('runDoctor against a local HTTPS deployment', () => {
  it('passes a good file, fetched without cookies or a referrer, every host reachable over trusted TLS', async () => {
    deployment.serveWellKnown(originsFile(TEST_FAMILY_ORIGINS));
    const report = await check();
    expect(report.ok).toBe(true);
    expect(report.file.walk?.labels).toEqual(['alpha', 'bravo', 'charlie', 'delta', 'foxtrot']);
    expect(report.sites.flatMap((site) => site.hosts.map((host) => host.probe))).toEqual(Array(7).fill({ ok: true, status: 200 }));
    expect(deployment.wellKnownRequests).toHaveLength(1);
    expect(deployment.wellKnownRequests[0]).not.toHaveProperty('cookie');
    expect(deployment.wellKnownRequests[0]).not.toHaveProperty('referer');
  });

  it('refuses a wrong content type', async () => {
    deployment.serveWellKnown(respond(200, 'text/html; charset=utf-8', JSON.stringify({ origins: TEST_FAMILY_ORIGINS })));
    const report = await check();
    expect(report.ok).toBe(false);
    expect(report.file.problem).toEqual({ code: 'content-type', contentType: 'text/html; charset=utf-8' });
  });

  it('does not follow a 302 to www, and names its target', async () => {
    deployment.serveWellKnown(respond(302, undefined, '', { location: 'https://www.alpha.test/.well-known/webauthn' }));
    const report = await check();
    expect(report.file.problem).toEqual({ code: 'redirect', status: 302, location: 'https://www.alpha.test/.well-known/webauthn' });
    expect(deployment.wellKnownRequests).toHaveLength(1);
  });

  it('skips the sixth label’s origin: a listed site after five others fails', async () => {
    deployment.serveWellKnown(originsFile([...TEST_FAMILY_ORIGINS.slice(0, 5), 'https://echo.test', 'https://foxtrot.test']));
    const report = await check();
    expect(report.ok).toBe(false);
    expect(report.sites.find((site) => site.id === 'foxtrot')).toMatchObject({ verdict: 'fails', hosts: [{ verdict: 'skipped' }] });
  });

  it('refuses the origins after a non-string entry', async () => {
    deployment.serveWellKnown(originsFile([null, ...TEST_FAMILY_ORIGINS]));
    const report = await check();
    expect(report.ok).toBe(false);
    expect(report.sites.filter((site) => site.verdict === 'fails').map((site) => site.id)).toEqual(['bravo', 'charlie', 'delta', 'foxtrot']);
  });

  it('stops reading at 256 KiB: a 300 KiB file is refused', async () => {
    const padding = 'x'.repeat(300 * 1024);
    deployment.serveWellKnown(respond(200, 'application/json', JSON.stringify({ origins: TEST_FAMILY_ORIGINS, padding })));
    expect((await check()).file.problem).toEqual({ code: 'too-large', limit: 262_144 });
  });

  it('refuses a 404', async () => {
    deployment.serveWellKnown(respond(404, 'application/json', '{"origins":[]}'));
    expect((await check()).file.problem).toEqual({ code: 'status', status: 404 });
  });

  it('gives up on a server that never answers, at the timeout', async () => {
    deployment.serveWellKnown(() => undefined);
    const started = performance.now();
    const report = await check({ transport: { ...transport, timeoutMs: 300 } });
    expect(report.file.problem).toEqual({ code: 'unreachable', failure: { stage: 'timeout', timeoutMs: 300 } });
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('refuses invalid JSON', async () => {
    deployment.serveWellKnown(respond(200, 'application/json', '{"origins": ["https://alpha.test",]}'));
    expect((await check()).file.problem).toMatchObject({ code: 'invalid-json' });
  });

  it('reports TLS it cannot trust, for the file and for every host, without the certificate', async () => {
    deployment.serveWellKnown(originsFile(TEST_FAMILY_ORIGINS));
    const report = await check({ transport: { proxy: transport.proxy, timeoutMs: 2_000 } });
    expect(report.file.problem).toMatchObject({ code: 'unreachable', failure: { stage: 'tls', detail: expect.stringContaining('self-signed') } });
    expect(report.findings.filter((finding) => finding.code === 'host-tls')).toHaveLength(7);
    expect(report.findings.find((finding) => finding.code === 'host-tls' && finding.values.host === 'echo.test')?.severity).toBe('warning');
  });

  it('reports a host it cannot reach', async () => {
    // stranger.test is not among the deployment's hostnames: the proxy refuses to tunnel to it.
    const withStranger = testConfig({ ...TEST_FAMILY, sites: [...TEST_FAMILY.sites.slice(0, 4), { ...TEST_FAMILY.sites[5]!, hostnames: ['stranger.test'] }] });
    deployment.serveWellKnown(originsFile([...TEST_FAMILY_ORIGINS.slice(0, 5), 'https://stranger.test']));
    const report = await check({ config: withStranger });
    expect(report.ok).toBe(false);
    const host = report.sites.find((site) => site.id === 'foxtrot')?.hosts[0];
    expect(host).toMatchObject({ verdict: 'matched', probe: { ok: false, failure: { stage: 'proxy' } } });
  });

  it('explains a Vercel preview hostname checked against the production config, and passes a preview-only config', async () => {
    const mismatch = await check({ rpId: preview.rpId });
    expect(mismatch.ok).toBe(false);
    expect(mismatch.findings[0]?.code).toBe('vercel-target');

    deployment.serveWellKnown(originsFile(['https://atlas-git-feature-team.vercel.app']));
    const own = await check({ rpId: preview.rpId, config: preview });
    expect(own.ok).toBe(true);
    expect(own.findings.map((finding) => finding.code)).toEqual(['vercel-hostname']);
    expect(own.sites[0]).toMatchObject({ verdict: 'works', hosts: [{ verdict: 'rp-domain', vercel: true }] });
  });
});
