import { siteConfig } from '@/lib/sites/config';
import { expect, origin, test } from './fixtures';
import { requestAs } from './http';

/** The directives of a CSP header, by name. */
function directives(csp: string | string[] | undefined): Map<string, string[]> {
  return new Map(String(csp ?? '').split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name = '', ...values]) => [name, values]));
}

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

test('every page runs script only under a nonce of its own: fresh per response, on every script tag, no unsafe-inline', async () => {
  const nonces = new Set<string>();
  for (const [hostname, path] of [['example.com', '/'], ['example.co.uk', '/signin'], ['example.co.jp', '/signup'], ['example-rewards.com', '/no-such-page'], ['example.com', '/signin']] as const) {
    const answer = await requestAs(hostname, path);
    const csp = directives(answer.headers['content-security-policy']);
    const scriptSrc = csp.get('script-src') ?? [];
    expect(scriptSrc, `${hostname}${path}`).not.toContain("'unsafe-inline'");
    expect(scriptSrc).not.toContain("'unsafe-eval'");
    expect(scriptSrc).toContain("'strict-dynamic'");
    const nonce = scriptSrc.map((source) => /^'nonce-([A-Za-z0-9+/=]+)'$/.exec(source)?.[1]).find(Boolean);
    expect(nonce, `${hostname}${path}: ${scriptSrc.join(' ')}`).toBeDefined();
    nonces.add(nonce ?? '');
    const scripts = [...answer.body.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag, `${hostname}${path}`).toContain(`nonce="${nonce}"`);
  }
  expect(nonces.size).toBe(5);

  // Answers that are no page carry no script permission at all.
  for (const [hostname, path] of [['example.com', '/.well-known/webauthn'], ['example.co.uk', '/api/health'], ['evil.example', '/']] as const) {
    expect(directives((await requestAs(hostname, path)).headers['content-security-policy']).get('script-src'), `${hostname}${path}`).toEqual(["'none'"]);
  }
});

test('in Chromium the pages hydrate under the policy, without a single violation', async ({ page }) => {
  await page.addInitScript(() => {
    const seen: string[] = [];
    Object.assign(window, { cspViolations: seen });
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  for (const [siteId, path] of [['shop', '/'], ['uk', '/signin'], ['jp', '/signup'], ['rewards', '/no-such-page']] as const) {
    await page.goto(`${origin(siteId)}${path}`);
    // Next.js's client runtime announces itself once its scripts have run.
    await page.waitForFunction(() => (window as { next?: { appDir?: boolean } }).next?.appDir === true);
    expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations), `${siteId}${path}`).toEqual([]);
  }
});
