import { createHash, randomBytes, randomInt } from 'node:crypto';
import { RATE_LIMITS } from '@/lib/rate-limit/limits';
import { expect, test } from './account-fixtures';
import { API, host, postAs } from './ceremonies';

// The test stack trusts `x-test-client-ip` for the client's address (tools/serve.ts), so each
// test here is a client of its own; browsers of other tests, which send no such header, are not.
const clientAddress = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
const newBinding = () => randomBytes(32).toString('base64url');
const bindingCookie = (value: string) => `__Host-atlas-ceremony=${value}`;

function expectRateLimited(answer: Awaited<ReturnType<typeof postAs>>, windowSeconds: number): void {
  expect(answer, JSON.stringify(answer.json)).toMatchObject({ status: 429, json: { error: { code: 'RATE_LIMITED' } } });
  const retryAfter = Number(answer.headers['retry-after']);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(windowSeconds);
  expect(answer.setCookies).toEqual([]);
}

test('starting ceremonies is limited per client address, and a refused start stores nothing', async ({ db }) => {
  const address = clientAddress();
  const { limit, windowSeconds } = RATE_LIMITS['ceremony:address'];
  for (let i = 0; i < limit; i++) {
    const answer = await postAs(host('uk'), API.authenticationOptions, { body: '{}', headers: { 'x-test-client-ip': address } });
    expect(answer.status, `start ${i + 1}`).toBe(200);
  }
  const binding = newBinding();
  const refused = await postAs(host('uk'), API.authenticationOptions, { body: '{}', cookie: bindingCookie(binding), headers: { 'x-test-client-ip': address } });
  expectRateLimited(refused, windowSeconds);
  expect(await db.challengesOfBinding(createHash('sha256').update(binding).digest('hex'))).toBe(0);
  // Another address is not affected.
  expect((await postAs(host('uk'), API.authenticationOptions, { body: '{}', headers: { 'x-test-client-ip': clientAddress() } })).status).toBe(200);
});

test('sign-ups are limited per browser binding, username probes included', async () => {
  const cookie = bindingCookie(newBinding());
  const { limit, windowSeconds } = RATE_LIMITS['sign-up:binding'];
  for (let i = 0; i < limit; i++) {
    const body = JSON.stringify({ username: `rl${randomBytes(6).toString('hex')}` });
    expect((await postAs(host('jp'), API.registrationOptions, { body, cookie })).status, `sign-up ${i + 1}`).toBe(200);
  }
  const probe = await postAs(host('jp'), API.registrationOptions, { body: JSON.stringify({ username: 'anyone' }), cookie });
  expectRateLimited(probe, windowSeconds);
  // Signing in from that browser is a different limit, still open.
  expect((await postAs(host('jp'), API.authenticationOptions, { body: '{}', cookie })).status).toBe(200);
});
