import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { originsFile, respond, startTestDeployment, type Handler, type TestDeployment } from './test-deployment';
import { PREVIEW_FAMILY, TEST_FAMILY, TEST_FAMILY_ORIGINS, writeConfigModule } from './test-family';

const TSX = path.resolve('node_modules/.bin/tsx');
const HOSTNAMES = [...TEST_FAMILY.sites.flatMap((site) => site.hostnames), ...PREVIEW_FAMILY.sites[0]!.hostnames];

let deployment: TestDeployment;
let dir: string;
let familyConfig: string;
let previewConfig: string;
let caFile: string;

beforeAll(async () => {
  deployment = await startTestDeployment({ rpIds: [TEST_FAMILY.rpId, PREVIEW_FAMILY.rpId], hostnames: HOSTNAMES });
  dir = mkdtempSync(path.join(os.tmpdir(), 'doctor-cli-'));
  familyConfig = writeConfigModule(dir, 'family', TEST_FAMILY);
  previewConfig = writeConfigModule(dir, 'preview', PREVIEW_FAMILY);
  caFile = path.join(dir, 'cert.pem');
  writeFileSync(caFile, deployment.certPem);
});
afterAll(async () => {
  await deployment.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `tsx tools/doctor/cli.ts …` as `npm run doctor -- …` runs it. */
function doctor(args: readonly string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(TSX, ['tools/doctor/cli.ts', ...args], { timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
    });
  });
}

/** The doctor on the test family through the test deployment's proxy, trusting its certificate. */
function checkFamily(extra: readonly string[] = []): Promise<Run> {
  return doctor([`https://${TEST_FAMILY.rpId}`, '--proxy', deployment.proxyUrl, '--ca', caFile, '--config', familyConfig, '--timeout', '2000', ...extra]);
}

async function checkServing(handler: Handler, extra: readonly string[] = []): Promise<Run> {
  deployment.serveWellKnown(handler);
  return checkFamily(extra);
}

describe('npm run doctor', () => {
  it('exits 0 on a good file and prints each site with its verdict', async () => {
    const run = await checkServing(originsFile(TEST_FAMILY_ORIGINS));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Checked  https://alpha.test/.well-known/webauthn');
    expect(run.stdout).toContain('Labels in the order browsers count them (5 of 5): alpha, bravo, charlie, delta, foxtrot');
    expect(run.stdout).toMatch(/✔ Test bravo \(bravo\), listed: Passkeys work\n {6}https:\/\/bravo\.test +In the live list · HTTPS answers \(200\)/);
    expect(run.stdout).toContain('– Test echo (echo), not listed: Not listed, on purpose');
    expect(run.stdout).toContain('[note]    Test echo (https://echo.test) has listed: false');
    expect(run.stdout).toMatch(/✔ Every listed site would work\.\n$/);
  });

  it('prints the same report as JSON, each finding with its message', async () => {
    const run = await checkServing(originsFile(TEST_FAMILY_ORIGINS), ['--json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { ok: boolean; sites: { id: string; verdict: string }[]; findings: { code: string; message: string }[] };
    expect(report.ok).toBe(true);
    expect(report.sites.map((site) => site.verdict)).toEqual(['works', 'works', 'works', 'works', 'unlisted', 'works']);
    expect(report.findings).toEqual([expect.objectContaining({ code: 'site-unlisted', message: expect.stringContaining('listed: false') })]);
  });

  it.each<[string, Handler, RegExp]>([
    ['a wrong content type', respond(200, 'text/plain', JSON.stringify({ origins: TEST_FAMILY_ORIGINS })), /is served as “text\/plain”; browsers accept only application\/json/],
    ['a 302 to www', respond(302, undefined, '', { location: 'https://www.alpha.test/.well-known/webauthn' }), /answers 302, redirecting to https:\/\/www\.alpha\.test\/\.well-known\/webauthn/],
    [
      'six labels, the sixth site’s origin skipped',
      originsFile([...TEST_FAMILY_ORIGINS.slice(0, 5), 'https://echo.test', 'https://foxtrot.test']),
      /https:\/\/foxtrot\.test \(Test foxtrot\) is in the live file, but browsers count at most 5 labels in order and had already seen alpha, bravo, charlie, delta, echo/,
    ],
    ['a non-string entry', originsFile(['https://alpha.test', 42, ...TEST_FAMILY_ORIGINS.slice(1)]), /origins\[1\] is 42, not a string/],
    ['300 KiB', respond(200, 'application/json', JSON.stringify({ origins: TEST_FAMILY_ORIGINS, padding: 'x'.repeat(300 * 1024) })), /is larger than 262144 bytes/],
    ['a 404', respond(404, 'text/html', '<h1>Not found</h1>'), /answers 404, not 200/],
    ['invalid JSON', respond(200, 'application/json', '{"origins": [}'), /is not valid JSON/],
  ])('exits 1 on %s, saying what is wrong', async (_case, handler, message) => {
    const run = await checkServing(handler);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(message);
    expect(run.stdout).toMatch(/✖ Some listed sites would not work\./);
  });

  it('exits 1 on a server that never answers, once the timeout passes', async () => {
    deployment.serveWellKnown(() => undefined);
    const run = await doctor([`https://${TEST_FAMILY.rpId}`, '--proxy', deployment.proxyUrl, '--ca', caFile, '--config', familyConfig, '--timeout', '500']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('https://alpha.test/.well-known/webauthn did not answer within 0.5 s');
  });

  it('exits 1 when the certificate is not trusted (no --ca)', async () => {
    deployment.serveWellKnown(originsFile(TEST_FAMILY_ORIGINS));
    const run = await doctor([`https://${TEST_FAMILY.rpId}`, '--proxy', deployment.proxyUrl, '--config', familyConfig, '--timeout', '2000']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/alpha\.test presented a certificate browsers refuse \(self-signed certificate/);
  });

  it('explains a Vercel preview hostname instead of crashing, and passes its preview-only config', async () => {
    deployment.serveWellKnown(originsFile(['https://atlas-git-feature-team.vercel.app']));
    const against = await doctor(['https://atlas-git-feature-team.vercel.app', '--proxy', deployment.proxyUrl, '--ca', caFile, '--config', familyConfig]);
    expect(against.code).toBe(1);
    expect(against.stdout).toContain('atlas-git-feature-team.vercel.app is a Vercel deployment hostname, not the RP ID (alpha.test)');

    const own = await doctor(['https://atlas-git-feature-team.vercel.app', '--proxy', deployment.proxyUrl, '--ca', caFile, '--config', previewConfig]);
    expect(own.code).toBe(0);
    expect(own.stdout).toContain('vercel.app is a public suffix, so “atlas-git-feature-team” is a label of its own');
  });

  // Each usage error's wording is tested in args.test.ts; these prove the exit status and the usage text.
  it.each([
    [['http://alpha.test'], /"http:\/\/alpha\.test" must start with https:\/\//],
    [['https://alpha.test', '--ca', 'missing.pem'], /--ca: cannot read missing\.pem/],
    [['https://alpha.test', '--config', 'missing.config.ts'], /--config: cannot load missing\.config\.ts/],
  ])('exits 2 on a usage error: %j', async (args, message) => {
    const run = await doctor(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toContain('Usage: npm run doctor --');
    expect(run.stdout).toBe('');
  });

  it('exits 2 on an invalid --config, naming the field', async () => {
    const broken = writeConfigModule(dir, 'broken', { ...TEST_FAMILY, sites: [TEST_FAMILY.sites[0], { ...TEST_FAMILY.sites[1], hostnames: ['Bravo.test'] }] });
    const run = await doctor(['--config', broken]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/sites\[1\]\.hostnames\[0\]: must be a lower-case DNS name/);
  });
});
