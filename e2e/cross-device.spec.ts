import type { Page } from '@playwright/test';
import { en } from '@/lib/i18n/en';
import { ja } from '@/lib/i18n/ja';
import { osFamily } from '@/lib/webauthn/client/cross-device';
import { expect, origin, test, uniqueUsername } from './account-fixtures';
import { addVirtualAuthenticator } from './fixtures';
import { AccountPage } from './pages/account-page';
import { requestAs } from './http';

const t = en.crossDevice;

// The sign-in page's autofill would answer by itself with the virtual authenticator.
test.use({ conditionalMediation: false });

function phoneSection(page: Page) {
  return page.getByRole('region', { name: t.heading });
}

test('headless Linux Chromium has no Web Bluetooth: the real "cannot be detected" path, and the button to try anyway', async ({ page }) => {
  await page.goto(`${origin('uk')}/signin`);
  expect(await page.evaluate(() => 'bluetooth' in navigator)).toBe(false);
  await expect(phoneSection(page).getByRole('status')).toHaveText(t.undetectable);
  await expect(phoneSection(page).getByRole('button', { name: t.button })).toBeVisible();
});

test('the sign-in page alone may ask for Bluetooth (Permissions-Policy)', async () => {
  expect((await requestAs('example.co.uk', '/signin')).headers['permissions-policy']).toContain('bluetooth=(self)');
  expect((await requestAs('example.co.uk', '/')).headers['permissions-policy']).toContain('bluetooth=()');
});

test.describe('what Web Bluetooth would answer on Windows or macOS, stubbed in the page', () => {
  /**
   * Chromium on Linux has no navigator.bluetooth (../shared/FACTS.md), so these answers are
   * stubbed: Web Bluetooth's getAvailability(), getClientCapabilities()'s hybridTransport, and
   * whether Permissions-Policy allows Bluetooth (Linux Chromium, without the feature, says no;
   * Chrome on Windows or macOS says yes on the sign-in page, whose policy is bluetooth=(self)).
   */
  async function stub(page: Page, { adapter, hybrid }: { adapter: boolean; hybrid: boolean }) {
    await page.addInitScript(
      ({ adapter, hybrid }) => {
        Object.defineProperty(navigator, 'bluetooth', { value: { getAvailability: () => Promise.resolve(adapter) } });
        const policies = document as unknown as Record<'permissionsPolicy' | 'featurePolicy', { allowsFeature(feature: string): boolean } | undefined>;
        for (const policy of [policies.permissionsPolicy, policies.featurePolicy]) {
          if (!policy) continue;
          const allows = policy.allowsFeature.bind(policy);
          policy.allowsFeature = (feature: string) => feature === 'bluetooth' || allows(feature);
        }
        const statics = PublicKeyCredential as unknown as { getClientCapabilities: () => Promise<Record<string, boolean>> };
        const real = statics.getClientCapabilities.bind(statics);
        statics.getClientCapabilities = async () => ({ ...(await real()), hybridTransport: hybrid });
      },
      { adapter, hybrid },
    );
  }

  test('ready: the button, and no warning', async ({ page }) => {
    await stub(page, { adapter: true, hybrid: true });
    await page.goto(`${origin('uk')}/signin`);
    await expect(phoneSection(page).getByRole('button', { name: t.button })).toBeVisible();
    await expect(phoneSection(page).getByRole('status')).toHaveCount(0);
  });

  test('Bluetooth present but off: how to switch it on for this system', async ({ page }) => {
    await stub(page, { adapter: true, hybrid: false });
    await page.goto(`${origin('uk')}/signin`);
    // The system the page believes it is on (the suite's browser presents a desktop Chrome's UA).
    const { platform, userAgent } = await page.evaluate(() => ({ platform: (navigator as { userAgentData?: { platform?: string } }).userAgentData?.platform, userAgent: navigator.userAgent }));
    const how = { windows: t.howWindows, macos: t.howMacos, linux: t.howLinux, chromeos: t.howChromeos, android: t.howAndroid, ios: t.howIos, other: t.howOther }[osFamily(platform, userAgent)];
    await expect(phoneSection(page).getByRole('status')).toHaveText(t.bluetoothOff.replace('{how}', how));
  });

  test('no Bluetooth: the other ways instead of a QR code that cannot work', async ({ page }) => {
    await stub(page, { adapter: false, hybrid: false });
    await page.goto(`${origin('uk')}/signin`);
    await expect(phoneSection(page).getByRole('status')).toHaveText(t.noBluetooth);
    await expect(phoneSection(page).getByRole('button', { name: t.button })).toHaveCount(0);
  });
});

test('a passkey on a phone (a hybrid virtual authenticator) signs in with Use a phone or tablet, recorded as another device; then a passkey on this device', async ({ page, authenticator, api, db }) => {
  // The built-in authenticator steps aside; the "phone" holds the passkey.
  await authenticator.cdp.send('WebAuthn.setAutomaticPresenceSimulation', { authenticatorId: authenticator.id, enabled: false });
  const phone = await addVirtualAuthenticator(page, 'hybrid');
  const username = uniqueUsername('phone');
  await api.visit('rewards');
  await api.signUp(username);
  expect(await phone.credentials()).toHaveLength(1);
  await page.context().clearCookies();

  await page.goto(`${origin('uk')}/signin`);
  await phoneSection(page).getByRole('button', { name: t.button }).click();
  const account = new AccountPage(page, 'uk');
  await expect(page).toHaveURL(account.url);
  await expect(account.signedInAs).toHaveText(account.signedInText(username));
  expect(await db.signInAttachments(username)).toEqual(['cross-platform']);
  await expect(account.main.getByRole('list', { name: en.account.signInsLabel })).toContainText(en.account.withAnotherDevice);

  // Then a passkey on this computer's own authenticator, offered because the last one was a phone's.
  const offer = page.getByRole('region', { name: en.upgrade.deviceHeading });
  await expect(offer).toContainText(en.upgrade.persistentLinking);
  await phone.cdp.send('WebAuthn.setAutomaticPresenceSimulation', { authenticatorId: phone.id, enabled: false });
  await authenticator.cdp.send('WebAuthn.setAutomaticPresenceSimulation', { authenticatorId: authenticator.id, enabled: true });
  await offer.getByRole('button', { name: en.upgrade.deviceCreate }).click();
  await expect(page.getByRole('status').filter({ hasText: en.upgrade.created })).toBeVisible();
  await expect(account.passkeys).toHaveCount(2);
  expect(await authenticator.credentials()).toHaveLength(1);
});

test('the guide, linked from every footer and from /signin, in English and Japanese, marks the visitor\'s row', async ({ page }) => {
  await page.goto(origin('uk'));
  await page.getByRole('contentinfo').getByRole('link', { name: en.guide.linkText }).click();
  await expect(page).toHaveURL(`${origin('uk')}/guide/cross-device`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(en.guide.title);
  const marked = page.getByRole('table').locator('tr[aria-current="true"]');
  // The suite's browser presents itself as desktop Chrome on Windows, so a Windows row is marked.
  await expect(marked.first()).toContainText('Windows');
  await expect(marked.first()).toContainText(en.guide.yourRow);
  await expect(page.getByRole('region', { name: en.guide.liveHeading }).getByRole('status')).toHaveText(en.crossDevice.undetectable);
  await expect(page.getByText(/HKEY_USERS\\S-1-5-20\\Software\\Microsoft\\Cryptography\\FIDO\\<SID>\\LinkedDevices/)).toBeVisible();

  await page.goto(`${origin('jp')}/guide/cross-device`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(ja.guide.title);
  await expect(page.getByRole('table').locator('tr[aria-current="true"]').first()).toContainText(ja.guide.yourRow);

  await page.goto(`${origin('uk')}/signin`);
  await expect(phoneSection(page).getByRole('link', { name: en.guide.linkText })).toHaveAttribute('href', '/guide/cross-device');
});
