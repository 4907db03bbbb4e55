import type { Page } from '@playwright/test';
import { en } from '@/lib/i18n/en';
import { ja } from '@/lib/i18n/ja';
import type { WalkthroughStepId } from '@/lib/walkthrough/steps';
import { expect, origin, test, uniqueUsername } from './account-fixtures';
import { addVirtualAuthenticator, type VirtualAuthenticator } from './fixtures';
import { AccountPage } from './pages/account-page';
import { SignInPage } from './pages/sign-in-page';
import { SignUpPage } from './pages/sign-up-page';
import { WalkthroughPage } from './pages/walkthrough-page';

// Every sign-in below is the one the step asks for: the sign-in page's own autofill request
// would otherwise sign in by itself with the virtual authenticator as soon as the page opens.
test.use({ conditionalMediation: false });

function headerLink(page: Page, name: string) {
  return page.getByRole('banner').getByRole('link', { name, exact: true });
}

/** Signs out of the site the page is on, through its account page. */
async function signOut(page: Page, siteId: string): Promise<void> {
  const account = new AccountPage(page, siteId);
  await account.goto();
  await account.signOut.click();
  await expect(page).toHaveURL(`${origin(siteId)}/`);
}

/** The same passkey, copied onto a hybrid authenticator (a phone); the built-in one stops answering. */
async function passkeyOnAPhone(page: Page, authenticator: VirtualAuthenticator): Promise<VirtualAuthenticator> {
  const phone = await addVirtualAuthenticator(page, 'hybrid');
  const { credentials } = await authenticator.cdp.send('WebAuthn.getCredentials', { authenticatorId: authenticator.id });
  const [credential] = credentials;
  if (!credential) throw new Error('The built-in authenticator holds no passkey to copy');
  await phone.cdp.send('WebAuthn.addCredential', { authenticatorId: phone.id, credential });
  await authenticator.cdp.send('WebAuthn.setAutomaticPresenceSimulation', { authenticatorId: authenticator.id, enabled: false });
  return phone;
}

/** Step 1 on example-rewards.com, then step 2 on example.co.uk reached through the walkthrough's link. */
async function stepsOneAndTwo(page: Page, username: string): Promise<WalkthroughPage> {
  const rewards = new WalkthroughPage(page, 'rewards');
  await rewards.goto();
  await expect.poll(() => rewards.doneSteps()).toEqual([]);
  await expect(rewards.step('create-account')).toHaveAttribute('data-state', 'next');
  await rewards.action('create-account', en.walkthrough.step1Action).click();
  await new SignUpPage(page, 'rewards').signUp(username);
  await expect(page).toHaveURL(`${origin('rewards')}/account`);
  await rewards.goto();
  await expect.poll(() => rewards.doneSteps()).toEqual(['create-account']);
  await expect(rewards.doneBadge('create-account')).toBeVisible();

  await rewards.continueOn('sign-in-elsewhere', 'uk').click();
  const uk = new WalkthroughPage(page, 'uk');
  // Arrived: the join token has left the address, and the trail came along: step 1, done on
  // example-rewards.com, is Done here too. Step 2 is not, before its sign-in.
  await expect(page).toHaveURL(uk.url);
  await expect.poll(() => uk.doneSteps()).toEqual(['create-account']);
  await uk.action('sign-in-elsewhere', en.walkthrough.step2Action).click();
  await new SignInPage(page, 'uk').submit.click();
  await expect(page).toHaveURL(`${origin('uk')}/account`);
  await uk.goto();
  await expect.poll(() => uk.doneSteps()).toEqual(['create-account', 'sign-in-elsewhere']);
  return uk;
}

test('each step turns Done after its real ceremony on its site, and never before', async ({ page, authenticator, db }) => {
  // Seven ceremonies on four sites, each followed by a page load.
  test.setTimeout(180_000);
  const username = uniqueUsername('walk');
  const done: WalkthroughStepId[] = ['create-account', 'sign-in-elsewhere'];
  const uk = await stepsOneAndTwo(page, username);

  // 3. example.co.jp, in Japanese: signed out there although signed in on two other sites.
  await uk.continueOn('session-per-site', 'jp').click();
  const jp = new WalkthroughPage(page, 'jp');
  await expect(page).toHaveURL(jp.url);
  await expect.poll(() => jp.doneSteps()).toEqual(done);
  await expect(headerLink(page, ja.nav.signIn)).toBeVisible();
  await expect(headerLink(page, ja.nav.account)).toHaveCount(0);
  const jpSignIn = new SignInPage(page, 'jp');
  await jpSignIn.goto();
  await jpSignIn.submit.click();
  await expect(page).toHaveURL(`${origin('jp')}/account`);
  await jp.goto();
  done.push('session-per-site');
  await expect.poll(() => jp.doneSteps()).toEqual(done);

  // 4. example-outlet.com: the browser refuses, and the page reports it to the log.
  await jp.continueOn('outlet-refused', 'outlet').click();
  const outlet = new WalkthroughPage(page, 'outlet');
  await expect(page).toHaveURL(outlet.url);
  await expect.poll(() => outlet.doneSteps()).toEqual(done);
  await outlet.action('outlet-refused', en.walkthrough.step4Action).click();
  const outletSignIn = new SignInPage(page, 'outlet');
  const reported = page.waitForResponse(`${origin('outlet')}/api/ceremony-log/report`);
  await outletSignIn.submit.click();
  await expect(outletSignIn.alert).toBeVisible();
  expect((await reported).status()).toBe(201);
  await outlet.goto();
  done.push('outlet-refused');
  await expect.poll(() => outlet.doneSteps()).toEqual(done);

  // 5. Listing the outlet means editing sites.config.ts while `npm run dev` runs; this suite runs
  // the production build, whose configuration cannot change while it runs. The rule for this step
  // is unit-tested with the progress rules (lib/walkthrough); here it only stays not done.

  // 6. Immediate mediation: the header's Sign in, back on example.co.uk (whose binding is in the trail).
  await signOut(page, 'uk');
  await headerLink(page, en.nav.signIn).click();
  await expect(page.getByRole('status').filter({ hasText: en.signedIn.immediatePasskey })).toBeVisible();
  await uk.goto();
  done.push('immediate');
  await expect.poll(() => uk.doneSteps()).toEqual(done);

  // 7. Cross-device: the same passkey on a phone (a hybrid authenticator, ../shared/FACTS.md).
  const phone = await passkeyOnAPhone(page, authenticator);
  await signOut(page, 'uk');
  await new SignInPage(page, 'uk').goto();
  await page.getByRole('region', { name: en.crossDevice.heading }).getByRole('button', { name: en.crossDevice.button }).click();
  const account = new AccountPage(page, 'uk');
  await expect(page).toHaveURL(account.url);
  expect(await db.signInAttachments(username)).toContain('cross-platform');
  await uk.goto();
  done.push('cross-device');
  await expect.poll(() => uk.doneSteps()).toEqual(done);

  // 8. Manage: a passkey added on a security key (the phone and the built-in authenticator both hold the first one).
  await phone.cdp.send('WebAuthn.setAutomaticPresenceSimulation', { authenticatorId: phone.id, enabled: false });
  await addVirtualAuthenticator(page, 'usb');
  await account.goto();
  await account.addPasskey.click();
  await expect(account.passkeys).toHaveCount(2);
  await uk.goto();
  done.push('manage');
  await expect.poll(() => uk.doneSteps()).toEqual(done);
  await expect(uk.step('outlet-listed')).toHaveAttribute('data-state', 'next');
});

test('Start over clears this browser\'s progress on every site and signs it out everywhere; a used link joins nothing', async ({ page, api, db }) => {
  test.setTimeout(120_000);
  const username = uniqueUsername('again');
  const rewards = new WalkthroughPage(page, 'rewards');
  const signUp = new SignUpPage(page, 'rewards');
  await signUp.goto();
  await signUp.signUp(username);
  await expect(page).toHaveURL(`${origin('rewards')}/account`);
  await rewards.goto();
  await expect.poll(() => rewards.doneSteps()).toEqual(['create-account']);

  // The link's address as the browser opened it, token included (the page removes the token at
  // once, and the handoff's response body is gone with the navigation).
  const arrival = page.waitForRequest((request) => request.isNavigationRequest() && request.url().includes('join='));
  await rewards.continueOn('sign-in-elsewhere', 'uk').click();
  const url = (await arrival).url();
  const uk = new WalkthroughPage(page, 'uk');
  await expect(page).toHaveURL(uk.url);
  const signIn = new SignInPage(page, 'uk');
  await signIn.goto();
  await signIn.submit.click();
  await expect(page).toHaveURL(`${origin('uk')}/account`);

  // The handoff link again: its token was used, so the page says so and joins nothing.
  await page.goto(url);
  await expect(uk.alert.filter({ hasText: en.walkthrough.joinFailed })).toBeVisible();
  await expect(page).toHaveURL(uk.url);
  await expect.poll(() => uk.doneSteps()).toEqual(['create-account', 'sign-in-elsewhere']);

  await uk.confirmStartOver();
  await expect.poll(() => uk.doneSteps()).toEqual([]);
  await expect(headerLink(page, en.nav.signIn)).toBeVisible();
  const userId = (await db.userId(username)) ?? '';
  const sessions = await db.sessionSites(userId);
  expect(sessions.map((session) => session.siteId).sort()).toEqual(['rewards', 'uk']);
  expect(sessions.filter((session) => !session.revoked)).toEqual([]);

  // example-rewards.com still has its cookie, but neither its session nor any progress.
  await rewards.goto();
  await expect.poll(() => rewards.doneSteps()).toEqual([]);
  expect(await api.sessionUser()).toBeNull();
});

test('the walkthrough is linked from every home page, in English and Japanese', async ({ page }) => {
  for (const [siteId, t] of [['shop', en], ['uk', en], ['jp', ja], ['rewards', en], ['outlet', en]] as const) {
    await page.goto(origin(siteId));
    await page.getByRole('main').getByRole('link', { name: t.walkthrough.homeLink }).click();
    await expect(page).toHaveURL(`${origin(siteId)}/walkthrough`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.walkthrough.title);
    await expect(new WalkthroughPage(page, siteId, t).step('manage')).toBeVisible();
  }
});

test('on a 390-px phone the walkthrough and its diagrams fit without scrolling sideways', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const walkthrough = new WalkthroughPage(page, 'jp');
  await walkthrough.goto();
  await expect(walkthrough.step('create-account')).toBeVisible();
  await expect(page.locator('figure[data-sequence="registration"] svg')).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});
