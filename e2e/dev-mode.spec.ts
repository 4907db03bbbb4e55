import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ja } from '@/lib/i18n/ja';
import { expect, origin, test } from './account-fixtures';
import { doctorThroughEdge } from './doctor-cli';
import { AccountPage } from './pages/account-page';
import { SignInPage } from './pages/sign-in-page';
import { SignUpPage } from './pages/sign-up-page';
import { WalkthroughPage } from './pages/walkthrough-page';
import { DEV_EDGE_PORT } from './ports';

const SITE_CONFIG = path.resolve('sites.config.ts');

// `npm run dev` serves the sites through `next dev`, which refuses its scripts to hosts it was
// not told about (allowedDevOrigins): without them pages render but never hydrate. These
// checks need a working client, so they fail if the demo's pages stop hydrating.

test('pages hydrate: the language switcher works', async ({ page }) => {
  await page.goto(origin('uk'));
  await page.getByRole('button', { name: ja.meta.languageName }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
});

test('sign up on one site, then autofill signs in on another', async ({ page, authenticator, username }) => {
  const signUp = new SignUpPage(page, 'rewards');
  await signUp.goto();
  await signUp.signUp(username);
  const onRewards = new AccountPage(page, 'rewards');
  await expect(page).toHaveURL(onRewards.url);
  await expect(onRewards.signedInAs).toHaveText(onRewards.signedInText(username));

  // On example.co.uk the sign-in page's autofill request is answered by the passkey just made.
  await page.goto(`${origin('uk')}/signin`);
  const onUk = new AccountPage(page, 'uk');
  await expect(page).toHaveURL(onUk.url);
  await expect(onUk.signedInAs).toHaveText(onUk.signedInText(username));
  expect(await authenticator.credentials()).toHaveLength(1);
});

// The issue's own words: `npm run doctor -- https://example.com --proxy … --ca .edge/cert.pem` passes
// while `npm run dev` runs. next dev compiles a route on its first request, which can outlast the
// doctor's 10-second limit on its own, so the limit is raised here.
test('npm run doctor passes against the edge of next dev', async () => {
  const run = await doctorThroughEdge(DEV_EDGE_PORT, ['--timeout', '60000', '--json']);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect((JSON.parse(run.stdout) as { ok: boolean }).ok).toBe(true);
});

// The walkthrough's step 5 as a workshop does it: while `next dev` runs, set `listed: true` for the
// outlet in sites.config.ts, save, and its passkey sign-in works. Only `next dev` picks the edit up,
// so only this suite can show it; the file is put back whatever happens.
test('walkthrough step 5: listing the outlet in sites.config.ts while next dev runs lets the passkey in', async ({ page, authenticator, username }) => {
  expect(await authenticator.credentials()).toEqual([]);
  const signUp = new SignUpPage(page, 'shop');
  await signUp.goto();
  await signUp.signUp(username);
  await expect(page).toHaveURL(new AccountPage(page, 'shop').url);

  const signIn = new SignInPage(page, 'outlet');
  await signIn.goto();
  await signIn.submit.click();
  await expect(signIn.alert).toBeVisible();
  const walkthrough = new WalkthroughPage(page, 'outlet');
  await walkthrough.goto();
  await expect.poll(() => walkthrough.doneSteps()).toEqual(['outlet-refused']);

  const original = readFileSync(SITE_CONFIG, 'utf8');
  const listed = original.replace(/(hostnames: \['example-outlet\.com'\],\s*listed: )false/, '$1true');
  expect(listed).not.toBe(original);
  // The list is read from a page showing the file itself: a page of the app would be reloaded by
  // next dev when the config changes, and `no-store` leaves the browser's cached copy alone.
  const wellKnown = await page.context().newPage();
  await wellKnown.goto(`${origin('shop')}/.well-known/webauthn`);
  try {
    writeFileSync(SITE_CONFIG, listed);
    await expect
      .poll(() => wellKnown.evaluate(() => fetch('/.well-known/webauthn', { cache: 'no-store' }).then((response) => response.text())), { timeout: 60_000 })
      .toContain(origin('outlet'));

    // The sign-in page's autofill request is answered by the passkey made on example.com.
    await signIn.goto();
    await expect(page).toHaveURL(new AccountPage(page, 'outlet').url);
    await walkthrough.goto();
    await expect.poll(() => walkthrough.doneSteps()).toEqual(['outlet-refused', 'outlet-listed']);
  } finally {
    writeFileSync(SITE_CONFIG, original);
    await wellKnown.close();
  }
});
