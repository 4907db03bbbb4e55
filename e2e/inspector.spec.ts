import { en } from '@/lib/i18n/en';
import { format } from '@/lib/i18n/format';
import { ja } from '@/lib/i18n/ja';
import { relatedOrigins, siteConfig } from '@/lib/sites/config';
import { distinctLabels, MAX_RELATED_ORIGIN_LABELS } from '@/lib/sites/labels';
import { expect, origin, test } from './account-fixtures';
import { Inspector } from './pages/inspector';
import { SignInPage } from './pages/sign-in-page';

// The sign-in below is the button's: the page's autofill would otherwise sign in by itself.
test.use({ conditionalMediation: false });

const t = en.inspector;

test('a sign-in on example.co.uk: the inspector shows its origin, RP ID hash, flags and checks, and the diagram lit to the end', async ({ page, passkeyUser }) => {
  void passkeyUser;
  const signIn = new SignInPage(page, 'uk');
  const inspector = new Inspector(page, en);
  await signIn.goto();
  await inspector.toggle.click();
  await expect(inspector.panel).toBeVisible();
  await expect(inspector.heading).toBeFocused();

  await signIn.submit.click();
  await expect(page).toHaveURL(`${origin('uk')}/account`);
  // Remembered open across the full load to the account page.
  await expect(inspector.panel).toBeVisible();

  const verify = inspector.entry('authentication', 'verify', 'https://example.co.uk');
  await expect(verify).toBeVisible();
  await inspector.expand(verify);
  await expect(verify.getByText('https://example.co.uk', { exact: true })).toBeVisible();
  await expect(verify).toContainText(format(t.rpIdHashMatches, { rpId: siteConfig.rpId }));
  for (const flag of ['up', 'uv'] as const) {
    await expect(verify.locator(`[data-flag="${flag}"]`)).toHaveAttribute('data-on', 'true');
  }
  await expect(verify.locator('[data-flag="up"]')).toContainText(t.flagUp);
  await expect(verify.locator('[data-flag="uv"]')).toContainText(t.flagUv);
  await expect(verify.locator('[data-check="origin"]')).toHaveAttribute('data-status', 'passed');
  await expect(verify.locator('[data-check="signature"]')).toHaveAttribute('data-status', 'passed');

  const options = inspector.entry('authentication', 'options', 'https://example.co.uk');
  await inspector.expand(options);
  await expect(options.locator('pre')).toContainText(`"rpId": "${siteConfig.rpId}"`);

  // The page's replay of the ceremony it just ran: every step done, the well-known fetch included
  // (example.co.uk is a related origin of example.com).
  await expect(inspector.diagramStep('authentication', 'well-known')).toHaveAttribute('data-status', 'done');
  await expect(inspector.diagramStep('authentication', 'verify-answer')).toHaveAttribute('data-status', 'done');
});

test('the outlet\'s SecurityError appears with its explanation: not in the well-known list, the list, and its labels', async ({ page, authenticator }) => {
  void authenticator;
  const signIn = new SignInPage(page, 'outlet');
  const inspector = new Inspector(page, en);
  await signIn.goto();
  await inspector.toggle.click();
  await signIn.submit.click();
  await expect(signIn.alert).toBeVisible();

  // Live: the diagram shows where the browser stopped, without a reload.
  await expect(inspector.diagramStep('authentication', 'well-known')).toHaveAttribute('data-status', 'failed');
  await expect(inspector.diagramStep('authentication', 'verify-request')).toHaveAttribute('data-status', 'not-reached');

  const refusal = inspector.entry('authentication', 'browser', 'https://example-outlet.com');
  await expect(refusal).toBeVisible();
  await inspector.expand(refusal);
  const wellKnown = `https://${siteConfig.rpId}/.well-known/webauthn`;
  await expect(refusal).toContainText(format(t.securityUnlisted, { wellKnown, rpId: siteConfig.rpId }));
  for (const listed of relatedOrigins()) await expect(refusal.getByRole('listitem').filter({ hasText: listed }).first()).toBeVisible();
  const labels = distinctLabels(relatedOrigins().map((listed) => new URL(listed).hostname)).length;
  await expect(refusal).toContainText(format(t.securityLabels, { labels, max: MAX_RELATED_ORIGIN_LABELS }));
});

test('the toggle is remembered per site, works from the keyboard, and Escape closes the panel', async ({ page }) => {
  const inspector = new Inspector(page, en);
  await page.goto(origin('uk'));
  await expect(inspector.toggle).toHaveAttribute('aria-expanded', 'false');
  await inspector.toggle.focus();
  await page.keyboard.press('Enter');
  await expect(inspector.panel).toBeVisible();
  await expect(inspector.heading).toBeFocused();
  await expect(inspector.toggle).toHaveAttribute('aria-expanded', 'true');

  await page.reload();
  await expect(inspector.panel).toBeVisible();

  // Another site remembers its own choice.
  await page.goto(origin('jp'));
  const japanese = new Inspector(page, ja);
  await expect(japanese.toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(japanese.panel).toHaveCount(0);

  await page.goto(origin('uk'));
  await expect(inspector.panel).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(inspector.panel).toHaveCount(0);
  await expect(inspector.toggle).toBeFocused();
  await page.reload();
  await expect(inspector.toggle).toHaveAttribute('aria-expanded', 'false');
});

test('the panel\'s code is fetched only when it opens, so /signin keeps its JavaScript', async ({ page }) => {
  // use-ceremony-log.ts, the panel's own module, is the only code that names the list endpoint.
  const scripts: Promise<string>[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script') scripts.push(response.text().catch(() => ''));
  });
  const hasPanelCode = async () => (await Promise.all(scripts)).some((body) => body.includes('/api/ceremony-log/list'));
  // goto waits for the load event: every script the page itself asked for has arrived.
  await new SignInPage(page, 'uk').goto();
  expect(scripts.length).toBeGreaterThan(0);
  expect(await hasPanelCode()).toBe(false);

  const inspector = new Inspector(page, en);
  await inspector.toggle.click();
  await expect(inspector.panel).toBeVisible();
  await expect.poll(hasPanelCode).toBe(true);
});

test('on a 390-px phone the panel is a bottom sheet and nothing scrolls sideways', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const inspector = new Inspector(page, en);
  await page.goto(`${origin('uk')}/walkthrough`);
  await inspector.toggle.click();
  await expect(inspector.panel).toBeVisible();
  const box = await inspector.panel.boundingBox();
  expect(box).not.toBeNull();
  // Across the width (less a scrollbar, where the browser draws one) and down to the bottom edge.
  expect(box?.x).toBe(0);
  expect(box?.width).toBeGreaterThan(370);
  expect(Math.abs((box?.y ?? 0) + (box?.height ?? 0) - 844)).toBeLessThanOrEqual(1);
  expect(box?.height).toBeLessThan(844);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});
