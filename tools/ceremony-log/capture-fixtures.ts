// Captures real WebAuthn responses from Chromium for the ceremony log's unit tests
// (lib/ceremony-log/fixtures/*.json): a create() on a related origin, a get() on another one, a
// get() from a hybrid (phone) authenticator, and the SecurityError of an origin the well-known file
// does not list. Everything runs on ephemeral ports and is stopped at the end: a TLS server of its
// own (a blank page on every site, and the well-known file on the RP ID host, from sites.config.ts),
// the edge's CONNECT proxy and certificate, and the system Chromium with a CDP virtual authenticator.
//
// Usage: npx tsx tools/ceremony-log/capture-fixtures.ts
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type CDPSession, type Page } from '@playwright/test';
import { allHostnames, relatedOrigins, siteById, siteConfig } from '@/lib/sites/config';
import { findBrowser, headlessChromiumArgs } from '@/tools/edge/browser';
import { ensureCertificate } from '@/tools/edge/certificate';
import { createConnectProxy } from '@/tools/edge/connect-proxy';
import { createForwarder } from '@/tools/edge/forwarder';

const FIXTURES = path.join(import.meta.dirname, '..', '..', 'lib', 'ceremony-log', 'fixtures');
const hostOf = (siteId: string) => {
  const host = siteById(siteId)?.hostnames[0];
  if (!host) throw new Error(`sites.config.ts has no site "${siteId}"`);
  return host;
};

/** What a fixture holds: the ceremony as the server would have issued it, and the browser's answer. */
interface Fixture {
  description: string;
  capturedWith: string;
  rpId: string;
  origin: string;
  challenge: string;
  response?: unknown;
  error?: { name: string; message: string };
}

/** The app stand-in behind the TLS forwarder: a blank page, and the well-known file on the RP ID host. */
function startApp(): Promise<http.Server> {
  const server = http.createServer((request, response) => {
    const host = (request.headers.host ?? '').toLowerCase();
    if (request.url === '/.well-known/webauthn' && host === siteConfig.rpId) {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ origins: relatedOrigins() }));
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end('<!doctype html><meta charset="utf-8"><title>fixture capture</title><p>fixture capture');
  });
  return listen(server);
}

function listen<T extends http.Server>(server: T): Promise<T> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const portOf = (server: http.Server) => (server.address() as AddressInfo).port;

async function addAuthenticator(cdp: CDPSession, transport: 'internal' | 'hybrid'): Promise<void> {
  await cdp.send('WebAuthn.enable', { enableUI: false });
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', ctap2Version: 'ctap2_1', transport, hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
}

/** Runs create() or get() in the page with options shaped as the server's (user verification required), and answers its JSON or its error. */
async function ceremony(page: Page, op: 'create' | 'get', challenge: string): Promise<{ response?: unknown; error?: { name: string; message: string } }> {
  return page.evaluate(
    // No helper functions in here: tsx names them with a helper the page does not have.
    async ({ op, challenge, rpId }) => {
      try {
        const credential =
          op === 'create'
            ? await navigator.credentials.create({
                publicKey: {
                  rp: { id: rpId, name: 'Example Rewards' },
                  user: { id: crypto.getRandomValues(new Uint8Array(32)), name: 'fixture', displayName: 'Fixture' },
                  challenge: new Uint8Array(challenge),
                  pubKeyCredParams: [
                    { type: 'public-key', alg: -7 },
                    { type: 'public-key', alg: -257 },
                  ],
                  authenticatorSelection: { residentKey: 'required', requireResidentKey: true, userVerification: 'required' },
                  attestation: 'none',
                },
              })
            : await navigator.credentials.get({ publicKey: { rpId, challenge: new Uint8Array(challenge), userVerification: 'required' } });
        return { response: (credential as PublicKeyCredential).toJSON() as unknown };
      } catch (error) {
        return { error: { name: (error as DOMException).name, message: (error as DOMException).message } };
      }
    },
    { op, challenge: [...Buffer.from(challenge, 'base64url')], rpId: siteConfig.rpId },
  );
}

async function main(): Promise<void> {
  const found = findBrowser();
  if (!found) throw new Error('No Chromium found: install one (apt-get install chromium) or run npx playwright install chromium.');
  const hostnames = allHostnames();
  const certificateDir = mkdtempSync(path.join(os.tmpdir(), 'atlas-fixtures-'));
  const certificate = ensureCertificate({ dir: certificateDir, hostnames });

  const app = await startApp();
  const forwarder = createForwarder({ upstreamHost: '127.0.0.1', upstreamPort: portOf(app) });
  const tls = await listen(https.createServer({ key: certificate.keyPem, cert: certificate.certPem }, forwarder.handleRequest));
  const proxy = await listen(createConnectProxy({ hostnames, tlsPort: portOf(tls) }));
  const browser = await chromium.launch({ executablePath: found.path, args: headlessChromiumArgs({ proxyUrl: `http://127.0.0.1:${portOf(proxy)}`, spki: certificate.spki }) });
  const capturedWith = `${found.kind === 'system' ? 'system' : 'Playwright'} Chromium ${browser.version()}, CDP virtual authenticator`;

  try {
    const run = async (page: Page, siteId: string, op: 'create' | 'get', description: string): Promise<Fixture> => {
      const origin = `https://${hostOf(siteId)}`;
      await page.goto(`${origin}/`);
      const challenge = randomBytes(32).toString('base64url');
      return { description, capturedWith, rpId: siteConfig.rpId, origin, challenge, ...(await ceremony(page, op, challenge)) };
    };
    const save = (name: string, fixture: Fixture, expect: 'response' | 'error') => {
      if (!fixture[expect]) throw new Error(`${name}: expected a${expect === 'error' ? 'n error' : ' response'}, got ${JSON.stringify(fixture.error ?? fixture.response)}`);
      writeFileSync(path.join(FIXTURES, `${name}.json`), `${JSON.stringify(fixture, null, 2)}\n`);
      console.log(`wrote lib/ceremony-log/fixtures/${name}.json (${fixture.origin})`);
    };

    // One browser with a platform authenticator: a passkey made on one related origin, used on another.
    const context = await browser.newContext();
    const page = await context.newPage();
    await addAuthenticator(await context.newCDPSession(page), 'internal');
    save('registration-rewards', await run(page, 'rewards', 'create', 'create() on a related origin with rp.id = the RP ID'), 'response');
    save('authentication-uk', await run(page, 'uk', 'get', 'get() on another related origin with the passkey made on example-rewards.com'), 'response');
    save('security-error-outlet', await run(page, 'outlet', 'get', 'get() on an origin the well-known file does not list'), 'error');

    // Another browser whose authenticator stands in for a phone over hybrid (FACTS.md).
    const phoneContext = await browser.newContext();
    const phonePage = await phoneContext.newPage();
    await addAuthenticator(await phoneContext.newCDPSession(phonePage), 'hybrid');
    save('registration-hybrid-rewards', await run(phonePage, 'rewards', 'create', 'create() with a hybrid (phone) authenticator'), 'response');
    save('authentication-hybrid-jp', await run(phonePage, 'jp', 'get', 'get() with a hybrid (phone) authenticator: authenticatorAttachment cross-platform'), 'response');
  } finally {
    await browser.close();
    await new Promise((resolve) => proxy.close(resolve));
    await new Promise((resolve) => tls.close(resolve));
    forwarder.close();
    await new Promise((resolve) => app.close(resolve));
    rmSync(certificateDir, { recursive: true, force: true });
  }
}

await main();
