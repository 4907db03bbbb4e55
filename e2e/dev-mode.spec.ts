import { ja } from '@/lib/i18n/ja';
import { expect, origin, test } from './account-fixtures';
import { AccountPage } from './pages/account-page';
import { SignUpPage } from './pages/sign-up-page';

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
