import { en } from '@/lib/i18n/en';
import { ja } from '@/lib/i18n/ja';
import { siteById, siteConfig } from '@/lib/sites/config';
import { base64url, expect, origin, test, type PasskeyUser } from './account-fixtures';
import { addVirtualAuthenticator } from './fixtures';
import { AccountPage } from './pages/account-page';
import { SignInPage } from './pages/sign-in-page';
import { SignUpPage } from './pages/sign-up-page';
import type { TestDb } from './db';

function siteName(siteId: string): string {
  return siteById(siteId)?.name ?? siteId;
}

/** Where opening a page ends up after the server's redirects (none for a signed-in /account). */
async function landingOf(page: AccountPage): Promise<string | undefined> {
  const response = await page.goto();
  return response?.url();
}

async function userIdOf(db: TestDb, username: string): Promise<string> {
  const id = await db.userId(username);
  expect(id, `no account ${username}`).toBeDefined();
  return id ?? '';
}

test.describe('with the sign-in button (a browser without passkey autofill)', () => {
  test.use({ conditionalMediation: false });

  test('one passkey: sign up on example-rewards.com, sign in with it on example.co.uk and example.com, sign out', async ({ page, authenticator, db, username }) => {
    const signUp = new SignUpPage(page, 'rewards');
    await signUp.goto();
    await signUp.signUp(username);

    const onRewards = new AccountPage(page, 'rewards');
    await expect(page).toHaveURL(onRewards.url);
    await expect(onRewards.signedInAs).toHaveText(onRewards.signedInText(username));
    await expect(onRewards.passkeys).toHaveCount(1);
    const [credential, ...more] = await authenticator.credentials();
    expect(more).toEqual([]);
    expect(credential?.rpId).toBe(siteConfig.rpId);
    expect(await db.passkeysOf(username)).toEqual([{ id: base64url(credential?.credentialId), createdOnSite: 'rewards' }]);

    for (const siteId of ['uk', 'shop']) {
      const account = new AccountPage(page, siteId);
      const signIn = new SignInPage(page, siteId);
      // Signed in on other sites of the family, but not here: /account sends to /signin.
      expect(await landingOf(account)).toBe(signIn.url);
      await expect(signIn.username).toHaveAttribute('autocomplete', 'username webauthn');
      await signIn.submit.click();

      await expect(page).toHaveURL(account.url);
      await expect(account.signedInAs).toHaveText(account.signedInText(username));
      await expect(account.passkeys).toHaveCount(1);
      await expect(account.passkeys).toContainText(account.lastUsedOn(siteName(siteId)));
      // The same credential every time: the authenticator still holds just the one.
      expect((await authenticator.credentials()).map((c) => c.credentialId)).toEqual([credential?.credentialId]);
    }

    const onShop = new AccountPage(page, 'shop');
    await onShop.signOut.click();
    await expect(page).toHaveURL(`${origin('shop')}/`);
    expect(await landingOf(onShop)).toBe(new SignInPage(page, 'shop').url);

    // Signing out ends example.com's session only; the other sites keep theirs.
    expect(await db.sessionSites(await userIdOf(db, username))).toEqual([
      { siteId: 'rewards', revoked: false },
      { siteId: 'uk', revoked: false },
      { siteId: 'shop', revoked: true },
    ]);
    expect(await landingOf(new AccountPage(page, 'uk'))).toBe(new AccountPage(page, 'uk').url);
  });

  test('in Japanese on example.co.jp: sign up, sign out, sign in again', async ({ page, authenticator, username }) => {
    const signUp = new SignUpPage(page, 'jp', ja);
    await signUp.goto();
    await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
    await signUp.signUp(username);

    const account = new AccountPage(page, 'jp', ja);
    await expect(page).toHaveURL(account.url);
    await expect(account.signedInAs).toHaveText(account.signedInText(username));
    await expect(account.passkeys).toHaveCount(1);
    await account.signOut.click();
    await expect(page).toHaveURL(`${origin('jp')}/`);

    const signIn = new SignInPage(page, 'jp', ja);
    await signIn.goto();
    await signIn.submit.click();
    await expect(page).toHaveURL(account.url);
    await expect(account.signedInAs).toHaveText(account.signedInText(username));
    await expect(account.passkeys).toContainText(account.lastUsedOn(siteName('jp')));
    expect(await authenticator.credentials()).toHaveLength(1);
  });

  test('a taken username is refused on the page, in any letter case', async ({ page, passkeyUser, db }) => {
    const signUp = new SignUpPage(page, 'uk');
    await signUp.goto();
    await signUp.signUp(passkeyUser.username.toUpperCase());
    await expect(signUp.alert).toHaveText(en.ceremonyErrors.usernameTaken);
    await expect(page).toHaveURL(signUp.url);
    expect(await db.footprint({ usernames: [passkeyUser.username] })).toMatchObject({ users: 1, passkeys: 1 });
  });
});

test('the passkey offered in the username field signs in without a click (conditional UI)', async ({ page, passkeyUser, db }) => {
  await new SignInPage(page, 'uk').goto();
  const account = new AccountPage(page, 'uk');
  await expect(page).toHaveURL(account.url);
  await expect(account.signedInAs).toHaveText(account.signedInText(passkeyUser.username));
  expect(await db.signIns(passkeyUser.userId)).toEqual([{ siteId: 'uk', success: true, errorCode: null }]);
});

/** Signs in on a site through its sign-in page's autofill and waits for the account page. */
async function signedInAccount(page: AccountPage['page'], siteId: string, user: PasskeyUser): Promise<AccountPage> {
  await new SignInPage(page, siteId).goto();
  const account = new AccountPage(page, siteId);
  await expect(page).toHaveURL(account.url);
  await expect(account.signedInAs).toHaveText(account.signedInText(user.username));
  return account;
}

test('a passkey can be renamed; a blank name is refused and changes nothing', async ({ page, passkeyUser, db }) => {
  const account = await signedInAccount(page, 'uk', passkeyUser);
  const [original] = await db.passkeyNames(passkeyUser.username);

  // NFKC turns the full-width digits into ASCII, as the server stores them.
  await account.renameFirstPasskey('  Work laptop ２ ');
  await expect(account.passkeys.first().getByRole('status')).toHaveText(en.account.renamed);
  await expect(account.passkeys.first()).toContainText('Work laptop 2');
  expect(await db.passkeyNames(passkeyUser.username)).toEqual(['Work laptop 2']);
  expect(original).not.toBe('Work laptop 2');

  await account.renameFirstPasskey('   ');
  await expect(account.passkeys.first().getByRole('alert')).toHaveText(en.account.nameInvalid);
  expect(await db.passkeyNames(passkeyUser.username)).toEqual(['Work laptop 2']);
});

test('a second passkey from another authenticator is listed; the same one again gets a calm notice', async ({ page, authenticator, passkeyUser, db }) => {
  const account = await signedInAccount(page, 'uk', passkeyUser);
  await expect(account.passkeys).toHaveCount(1);

  // A security key is plugged in and the built-in authenticator stops answering, so the new
  // passkey is made on the key (the built-in one would refuse: it already holds a passkey).
  await authenticator.cdp.send('WebAuthn.setAutomaticPresenceSimulation', { authenticatorId: authenticator.id, enabled: false });
  const securityKey = await addVirtualAuthenticator(page, 'usb');
  await account.addPasskey.click();
  await expect(account.status).toHaveText(en.account.added);
  await expect(account.passkeys).toHaveCount(2);
  expect(await securityKey.credentials()).toHaveLength(1);

  await account.addPasskey.click();
  await expect(account.status).toHaveText(en.ceremonyErrors.alreadyRegistered);
  await expect(account.alert).toHaveCount(0);
  await expect(account.passkeys).toHaveCount(2);
  expect(await securityKey.credentials()).toHaveLength(1);
  expect(await db.passkeysOf(passkeyUser.username)).toHaveLength(2);
});

test.describe('on example-outlet.com, left out of the well-known', () => {
  const wellKnown = `https://${siteConfig.rpId}/.well-known/webauthn`;

  test('sign-up is refused by the browser, the page says why, nothing is created', async ({ page, authenticator, db, username }) => {
    const signUp = new SignUpPage(page, 'outlet');
    await signUp.goto();
    await signUp.signUp(username);
    await expect(signUp.alert).toContainText(wellKnown);
    await expect(signUp.alert).toContainText(en.unlisted.fix);
    await expect(page).toHaveURL(signUp.url);
    expect(await authenticator.credentials()).toEqual([]);
    expect(await db.footprint({ usernames: [username] })).toMatchObject({ users: 0, passkeys: 0, sessions: 0, signInEvents: 0 });
  });

  test('sign-in is refused by the browser even with a passkey for the family', async ({ page, passkeyUser, db }) => {
    const signIn = new SignInPage(page, 'outlet');
    await signIn.goto();
    await signIn.submit.click();
    await expect(signIn.alert).toContainText(wellKnown);
    await expect(page).toHaveURL(signIn.url);
    expect(await db.signIns(passkeyUser.userId)).toEqual([]);
  });
});
