import { en } from '@/lib/i18n/en';
import { ja } from '@/lib/i18n/ja';
import { format } from '@/lib/i18n/messages';
import { siteConfig } from '@/lib/sites/config';
import { expect, origin, test } from './fixtures';
import { APP_PORT } from './ports';

test.describe('every site renders its own brand and language', () => {
  for (const site of siteConfig.sites) {
    test(`${site.hostnames[0]}`, async ({ page }) => {
      const response = await page.goto(origin(site.id));
      expect(response?.status()).toBe(200);
      await expect(page.locator('html')).toHaveAttribute('lang', site.locale);
      await expect(page.locator('html')).toHaveAttribute('data-site', site.id);
      await expect(page.getByTestId('site-name')).toHaveText(site.name);
      const t = site.locale === 'ja' ? ja : en;
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(format(t.home.title, { site: site.name }));
      // The theme colour really reaches the page.
      const brand = await page.locator('header').evaluate((el) => getComputedStyle(el).backgroundColor);
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(site.theme.brand.slice(i, i + 2), 16));
      expect(brand).toBe(`rgb(${r}, ${g}, ${b})`);
    });
  }
});

test('an alias hostname serves its site', async ({ page }) => {
  await page.goto('https://www.example.com/');
  await expect(page.locator('html')).toHaveAttribute('data-site', 'shop');
});

test('the language switcher changes the language and the site remembers it', async ({ page }) => {
  await page.goto(origin('uk'));
  await expect(page.locator('html')).toHaveAttribute('lang', 'en-GB');
  await page.getByRole('button', { name: ja.meta.languageName }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(format(ja.home.title, { site: 'Example UK' }));
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  // Cookies are per host: the choice made on example.co.uk does not change example.com.
  await page.goto(origin('shop'));
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

test('an unknown path is the site\'s own 404 page', async ({ page }) => {
  const response = await page.goto(`${origin('jp')}/no-such-page`);
  expect(response?.status()).toBe(404);
  await expect(page.locator('html')).toHaveAttribute('data-site', 'jp');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(ja.notFound.title);
});

test('the unlisted site explains why passkeys fail there', async ({ page }) => {
  await page.goto(origin('outlet'));
  await expect(page.getByRole('note')).toContainText(en.unlisted.title);
  await expect(page.getByRole('note')).toContainText('https://example.com/.well-known/webauthn');
});

test('a hostname outside the family is refused by the edge', async ({ page }) => {
  await expect(page.goto('https://unknown.example.net/')).rejects.toThrow(/ERR_TUNNEL_CONNECTION_FAILED|ERR_PROXY/);
});

test('localhost lists the sites and how to open them', async ({ page }) => {
  await page.goto(`http://localhost:${APP_PORT}/`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(en.local.title);
  for (const site of siteConfig.sites) await expect(page.getByText(`https://${site.hostnames[0]}`, { exact: true })).toBeVisible();
  await expect(page.locator('pre')).toContainText('--ignore-certificate-errors-spki-list=');
});
