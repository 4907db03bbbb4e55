import { siteConfig } from '@/lib/sites/config';
import { expect, test } from './fixtures';
import { requestAs } from './http';

const expected = {
  'content-security-policy': expect.stringContaining("frame-ancestors 'none'"),
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'permissions-policy': expect.stringContaining('publickey-credentials-get=(self)'),
  'x-frame-options': 'DENY',
  'strict-transport-security': 'max-age=31536000',
};

test('every page, API answer and refusal of every site carries the security headers', async () => {
  for (const site of siteConfig.sites) {
    for (const hostname of site.hostnames) {
      for (const [path, method] of [['/', 'GET'], ['/signin', 'GET'], ['/no-such-page', 'GET'], ['/api/webauthn/authentication/options', 'POST'], ['/api/auth/session', 'GET']] as const) {
        const answer = await requestAs(hostname, path, { method, headers: { 'content-type': 'application/json' }, body: method === 'POST' ? 'not json' : undefined });
        expect(answer.status, `${hostname}${path}`).toBeLessThan(500);
        expect(answer.headers, `${hostname}${path}`).toMatchObject(expected);
      }
    }
  }
  const unknownHost = await requestAs('evil.example', '/');
  expect(unknownHost.status).toBe(404);
  expect(unknownHost.headers).toMatchObject(expected);
});

test('HSTS only where the request arrived over HTTPS', async () => {
  const plain = await requestAs(siteConfig.rpId, '/', { headers: { 'x-forwarded-proto': 'http' } });
  expect(plain.headers['strict-transport-security']).toBeUndefined();
  expect(plain.headers['x-content-type-options']).toBe('nosniff');
});

test('the well-known file stays application/json and is cached for minutes, not a day', async () => {
  const answer = await requestAs(siteConfig.rpId, '/.well-known/webauthn');
  expect(answer.status).toBe(200);
  expect(answer.headers['content-type']).toMatch(/^application\/json/);
  const maxAges = [...(answer.headers['cache-control'] ?? '').matchAll(/(?:max-age|stale-while-revalidate)=(\d+)/g)].map((m) => Number(m[1]));
  expect(maxAges.length).toBeGreaterThan(0);
  expect(Math.max(...maxAges)).toBeLessThanOrEqual(600);
});
