import type { Page } from '@playwright/test';
import { en } from '@/lib/i18n/en';
import { expect, origin, test, type PasskeyUser } from './account-fixtures';
import { addVirtualAuthenticator, type VirtualAuthenticator } from './fixtures';
import { AccountPage } from './pages/account-page';
import { SignInPage } from './pages/sign-in-page';

const t = en.manage;

/** Signs in on a site through its sign-in page's autofill and lands on the account page. */
async function signedInAccount(page: Page, siteId: string, user: PasskeyUser): Promise<AccountPage> {
  await new SignInPage(page, siteId).goto();
  const account = new AccountPage(page, siteId);
  await expect(page).toHaveURL(account.url);
  await expect(account.signedInAs).toHaveText(account.signedInText(user.username));
  return account;
}

/**
 * A second passkey for the account, on a security key: the built-in authenticator stops answering
 * while it is made (it already holds one), then answers again. Returns the key.
 */
async function addSecurityKeyPasskey(page: Page, authenticator: VirtualAuthenticator, account: AccountPage): Promise<VirtualAuthenticator> {
  await authenticator.cdp.send('WebAuthn.setAutomaticPresenceSimulation', { authenticatorId: authenticator.id, enabled: false });
  const securityKey = await addVirtualAuthenticator(page, 'usb');
  await account.addPasskey.click();
  await expect(account.passkeys).toHaveCount(2);
  await authenticator.cdp.send('WebAuthn.setAutomaticPresenceSimulation', { authenticatorId: authenticator.id, enabled: true });
  return securityKey;
}

test('a passkey is deleted after an inline confirmation, and the provider forgets it (Signal API)', async ({ page, authenticator, passkeyUser, db }) => {
  const account = await signedInAccount(page, 'uk', passkeyUser);
  // A second passkey, so the first is not the last way to sign in.
  const securityKey = await addSecurityKeyPasskey(page, authenticator, account);

  // Delete the security key's passkey (deleting the one this browser signed in with would also
  // end this session: its sessions end with it).
  const onKey = account.passkeys.filter({ hasNotText: t.thisDevice });
  await onKey.getByRole('button', { name: t.deletePasskey }).click();
  await onKey.getByRole('button', { name: t.deletePasskeyYes }).click();
  await expect(account.passkeys).toHaveCount(1);
  await expect(account.passkeys).toContainText(t.thisDevice);
  expect(await db.passkeysOf(passkeyUser.username)).toEqual([expect.objectContaining({ id: passkeyUser.credentialId })]);
  // signalAllAcceptedCredentials: the security key dropped the deleted passkey; the built-in one kept its own.
  await expect.poll(() => securityKey.credentials()).toEqual([]);
  expect(await authenticator.credentials()).toHaveLength(1);
  // That the deleted passkey is then refused on every site is e2e/account-management-api.spec.ts's
  // to show: it needs an assertion the browser's authenticator can no longer make.
});

test('the last way to sign in cannot be deleted, and the page says why', async ({ page, passkeyUser, db }) => {
  const account = await signedInAccount(page, 'uk', passkeyUser);
  const only = account.passkeys.first();
  await only.getByRole('button', { name: t.deletePasskey }).click();
  await only.getByRole('button', { name: t.deletePasskeyYes }).click();
  await expect(only.getByRole('alert')).toHaveText(t.lastSignInMethod);
  expect(await db.passkeysOf(passkeyUser.username)).toHaveLength(1);
});

test('after 5 minutes a sensitive change asks "Confirm it\'s you" inline, then carries on', async ({ page, authenticator, passkeyUser, db }) => {
  const account = await signedInAccount(page, 'uk', passkeyUser);
  const securityKey = await addSecurityKeyPasskey(page, authenticator, account);
  await securityKey.cdp.send('WebAuthn.setAutomaticPresenceSimulation', { authenticatorId: securityKey.id, enabled: false });

  // The clock is moved by the database, not by waiting: the confirmation is 6 minutes old.
  await db.ageReauthentication(passkeyUser.userId);
  const item = account.passkeys.filter({ hasNotText: t.thisDevice });
  await item.getByRole('button', { name: t.deletePasskey }).click();
  await item.getByRole('button', { name: t.deletePasskeyYes }).click();
  const confirm = page.getByRole('dialog', { name: t.confirmHeading });
  await expect(confirm).toBeVisible();
  expect(await db.passkeysOf(passkeyUser.username)).toHaveLength(2);
  await confirm.getByRole('button', { name: t.confirmPasskey }).click();
  await expect(confirm).toBeHidden();
  await expect(account.passkeys).toHaveCount(1);
});

test('a session ended from example.com no longer works on example.co.uk', async ({ page, passkeyUser }) => {
  await signedInAccount(page, 'uk', passkeyUser);
  await signedInAccount(page, 'shop', passkeyUser);
  const sessions = page.getByRole('list', { name: t.sessionsLabel });
  // Those two, and the sign-up's on example-rewards.com (its cookie is gone, its row is live).
  await expect(sessions.getByRole('listitem')).toHaveCount(3);
  await expect(sessions.getByRole('listitem').first()).toContainText(t.thisSession);
  const ukRow = sessions.getByRole('listitem').filter({ hasText: 'Example UK' });
  await ukRow.getByRole('button', { name: t.sessionSignOut }).click();
  await expect(ukRow).toHaveCount(0);
  await expect(sessions.getByRole('listitem')).toHaveCount(2);

  await page.goto(`${origin('uk')}/account`);
  await expect(page).toHaveURL(`${origin('uk')}/signin`);
});

test('deleting the account needs its username, removes everything, signs out everywhere and clears the provider', async ({ page, authenticator, passkeyUser, db }) => {
  const account = await signedInAccount(page, 'uk', passkeyUser);
  const form = page.getByRole('form', { name: t.deleteAccountHeading });
  await form.getByRole('textbox', { name: t.deleteAccountLabel }).fill('not-the-username');
  await form.getByRole('button', { name: t.deleteAccountButton }).click();
  await expect(form.getByRole('alert')).toHaveText(t.deleteAccountMismatch);
  expect(await db.userId(passkeyUser.username)).toBeDefined();

  await form.getByRole('textbox', { name: t.deleteAccountLabel }).fill(passkeyUser.username.toUpperCase());
  await form.getByRole('button', { name: t.deleteAccountButton }).click();
  await expect(page).toHaveURL(`${origin('uk')}/`);
  expect(await db.userId(passkeyUser.username)).toBeUndefined();
  expect(await db.sessionSites(passkeyUser.userId)).toEqual([]);
  expect(await db.signIns(passkeyUser.userId)).toEqual([]);
  await expect.poll(() => authenticator.credentials()).toEqual([]);
  await account.goto();
  await expect(page).toHaveURL(`${origin('uk')}/signin`);
});

test('a new display name reaches the passkey provider (signalCurrentUserDetails)', async ({ page, authenticator, passkeyUser }) => {
  const account = await signedInAccount(page, 'uk', passkeyUser);
  await account.main.getByRole('button', { name: t.displayNameEdit }).click();
  await account.main.getByRole('textbox', { name: en.account.displayName }).fill('Alice Example');
  await account.main.getByRole('button', { name: en.account.save }).click();
  await expect(account.main.getByRole('status').filter({ hasText: t.displayNameSaved })).toBeVisible();
  await expect(account.main.getByText('Alice Example', { exact: true })).toBeVisible();
  const displayNames = async () => (await authenticator.credentials()).map((credential) => (credential as { userDisplayName?: string }).userDisplayName);
  await expect.poll(displayNames).toEqual(['Alice Example']);
});
