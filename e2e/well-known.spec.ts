import { relatedOrigins, siteConfig } from '@/lib/sites/config';
import { expect, origin, test } from './fixtures';
import { requestAs } from './http';

test('the RP ID host serves the related origins as JSON, unredirected', async ({ page }) => {
  const response = await page.goto(`${origin('shop')}/.well-known/webauthn`);
  expect(response).not.toBeNull();
  expect(response!.status()).toBe(200);
  expect(response!.request().redirectedFrom()).toBeNull();
  expect(response!.headers()['content-type']).toMatch(/^application\/json/);
  expect(response!.headers()['cache-control']).toMatch(/public/);
  const body = (await response!.json()) as { origins: string[] };
  expect(body).toEqual({
    origins: ['https://example.com', 'https://www.example.com', 'https://example.co.uk', 'https://example.co.jp', 'https://example-rewards.com'],
  });
  expect(body.origins).toEqual(relatedOrigins());
  expect(body.origins).not.toContain('https://example-outlet.com');
});

test('no other host serves the well-known', async ({ page }) => {
  for (const site of siteConfig.sites.filter((s) => s.hostnames[0] !== siteConfig.rpId)) {
    const response = await page.goto(`${origin(site.id)}/.well-known/webauthn`);
    expect(response?.status(), site.id).toBe(404);
  }
  const alias = await requestAs('www.example.com', '/.well-known/webauthn');
  expect(alias.status).toBe(404);
});

test('an unknown Host gets a 404 page and no cookie', async () => {
  for (const path of ['/', '/.well-known/webauthn', '/api/health']) {
    const response = await requestAs('evil.example.net', path);
    expect(response.status, path).toBe(404);
    expect(response.headers['set-cookie'], path).toBeUndefined();
  }
  const page = await requestAs('evil.example.net', '/');
  expect(page.headers['content-type']).toMatch(/^text\/html/);
  expect(page.body).toContain('evil.example.net');
});

test('the health check reports the database', async () => {
  const response = await requestAs('example.com', '/api/health');
  expect(response.status).toBe(200);
  expect(JSON.parse(response.body)).toEqual({ status: 'ok', database: 'reachable' });
});
