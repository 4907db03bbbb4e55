import { en } from '@/lib/i18n/en';
import { ja } from '@/lib/i18n/ja';
import { LANGUAGE_COOKIE } from '@/lib/i18n/languages';
import { siteConfig } from '@/lib/sites/config';
import { expect, origin, test } from './fixtures';
import { doctorThroughEdge as doctorThrough } from './doctor-cli';
import { EDGE_PORT } from './ports';

const doctorThroughEdge = (extra: readonly string[] = []) => doctorThrough(EDGE_PORT, extra);

interface JsonReport {
  ok: boolean;
  file: { problem?: unknown; walk?: { labels: string[] } };
  sites: { id: string; verdict: string; hosts: { hostname: string; verdict: string; probe: { ok: boolean; status?: number } }[] }[];
  findings: { severity: string; code: string; message: string }[];
}

test('npm run doctor passes against the project’s own edge, with the outlet reported as not listed', async () => {
  const run = await doctorThroughEdge(['--json']);
  expect(run.stderr).toBe('');
  // listed: false on the outlet is on purpose: every listed site works, so the exit status is 0.
  expect(run.code).toBe(0);
  const report = JSON.parse(run.stdout) as JsonReport;
  expect(report.ok).toBe(true);
  expect(report.file.problem).toBeUndefined();
  expect(report.file.walk?.labels).toEqual(['example', 'example-rewards']);
  expect(report.sites.map((site) => [site.id, site.verdict])).toEqual([
    ['shop', 'works'],
    ['uk', 'works'],
    ['jp', 'works'],
    ['rewards', 'works'],
    ['outlet', 'unlisted'],
  ]);
  for (const host of report.sites.flatMap((site) => site.hosts)) expect(host.probe, host.hostname).toEqual({ ok: true, status: 200 });
  expect(report.findings).toEqual([
    expect.objectContaining({ severity: 'info', code: 'site-unlisted', message: expect.stringContaining('Example Outlet (https://example-outlet.com) has listed: false') }),
  ]);
});

test('npm run doctor prints a readable report with each site’s verdict', async () => {
  const run = await doctorThroughEdge();
  expect(run.code).toBe(0);
  expect(run.stdout).toContain('Checked  https://example.com/.well-known/webauthn');
  expect(run.stdout).toContain('✔ Example UK (uk), listed: Passkeys work');
  expect(run.stdout).toContain('– Example Outlet (outlet), not listed: Not listed, on purpose');
  expect(run.stdout).toMatch(/✔ Every listed site would work\.\n$/);
});

test('the /doctor page on the RP ID host shows the report for the live deployment', async ({ page }) => {
  const response = await page.goto(`${origin('shop')}/doctor`);
  expect(response?.status()).toBe(200);
  expect(response?.headers()['cache-control']).not.toMatch(/s-maxage|public/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(en.doctor.title);
  await expect(page.getByTestId('doctor-summary')).toHaveText(en.doctor.summaryOk);
  for (const id of ['shop', 'uk', 'jp', 'rewards']) await expect(page.getByTestId(`doctor-site-${id}`)).toContainText(en.doctor['verdict.works']);
  await expect(page.getByTestId('doctor-site-outlet')).toContainText(en.doctor['verdict.unlisted']);
  await expect(page.locator('[data-severity="error"]')).toHaveCount(0);
  await expect(page.getByText('https://example-rewards.com').first()).toBeVisible();
});

test('the /doctor page in Japanese on a 390-px phone, without sideways scrolling', async ({ page, context }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await context.addCookies([{ name: LANGUAGE_COOKIE, value: 'ja', url: origin('shop') }]);
  await page.goto(`${origin('shop')}/doctor`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(ja.doctor.title);
  await expect(page.getByTestId('doctor-summary')).toHaveText(ja.doctor.summaryOk);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test('/doctor is the normal not-found page on every other host', async ({ page }) => {
  const others = ['https://www.example.com', ...siteConfig.sites.filter((site) => site.hostnames[0] !== siteConfig.rpId).map((site) => origin(site.id))];
  for (const other of others) {
    const response = await page.goto(`${other}/doctor`);
    expect(response?.status(), other).toBe(404);
    await expect(page.getByTestId('doctor-summary'), other).toHaveCount(0);
  }
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(en.notFound.title);
});
