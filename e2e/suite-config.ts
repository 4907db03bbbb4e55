import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { defineConfig, devices, type PlaywrightTestConfig } from '@playwright/test';
import { allHostnames } from '@/lib/sites/config';
import { findBrowser, headlessChromiumArgs } from '@/tools/edge/browser';
import { ensureCertificate } from '@/tools/edge/certificate';

/**
 * The window of the password throttle in the test stack (PASSWORD_THROTTLE_WINDOW_SECONDS; 15
 * minutes otherwise): long enough for a test's failures in a row to fall into one window, short
 * enough for the test to watch it end.
 */
export const TEST_PASSWORD_THROTTLE_WINDOW_SECONDS = 15;

export interface SuiteOptions {
  /** How tools/serve.ts runs Next.js: the production build, or `next dev` as `npm run dev` does. */
  mode: 'production' | 'dev';
  appPort: number;
  edgePort: number;
  testMatch?: PlaywrightTestConfig['testMatch'];
  testIgnore?: PlaywrightTestConfig['testIgnore'];
  /**
   * Specs that load the server hard enough to starve the others (the fuzz lanes): they run by
   * themselves, after the rest. Alongside them, the 50 concurrent sign-ups of races.spec.ts held
   * every pooled connection past the app's 1-second wait, and both tests saw 503s.
   */
  runAlone?: string;
  /** Per test; `next dev` compiles each route on its first request. */
  timeout: number;
}

/**
 * One Playwright configuration per server mode: its own stack (database, edge, Next.js) started
 * by tools/serve.ts, real Chromium routed through that stack's edge.
 */
export function suiteConfig({ mode, appPort, edgePort, testMatch, testIgnore, runAlone, timeout }: SuiteOptions): PlaywrightTestConfig {
  // Made (or reused) before any browser starts, so every worker trusts the same key by its hash.
  const certificate = ensureCertificate({ dir: path.resolve('.edge'), hostnames: allHostnames() });
  return defineConfig({
    testDir: path.resolve('e2e'),
    testMatch,
    testIgnore,
    ...(runAlone
      ? {
          projects: [
            { name: 'suite', testIgnore: [...[testIgnore ?? []].flat(), runAlone] },
            { name: 'alone', testMatch: runAlone, dependencies: ['suite'] },
          ],
        }
      : {}),
    fullyParallel: false,
    forbidOnly: !!process.env.CI,
    retries: process.env.CI ? 1 : 0,
    workers: 2,
    reporter: process.env.CI ? [['list'], ['html', { open: 'never', outputFolder: `playwright-report/${mode}` }]] : 'list',
    outputDir: `test-results/${mode}`,
    timeout,
    expect: { timeout: timeout / 4 },
    use: {
      ...devices['Desktop Chrome'],
      baseURL: 'https://example.com',
      trace: 'on-first-retry',
      launchOptions: {
        // Playwright cannot download its browser on every machine (not on CI's): an installed
        // Chrome or Chromium is used when there is one, Playwright's own otherwise.
        executablePath: findBrowser()?.path,
        // The proxy is a launch flag, not Playwright's `proxy` option: that one sends loopback
        // through the proxy too, and the suite reaches the app on localhost directly.
        args: headlessChromiumArgs({ proxyUrl: `http://127.0.0.1:${edgePort}`, spki: certificate.spki }),
      },
    },
    webServer: {
      command: `npx tsx tools/serve.ts --mode ${mode} --purpose test --edge --port ${appPort} --edge-port ${edgePort}`,
      // Added to the runner's environment, which tools/serve.ts passes on to Next.js. A production
      // start needs both opt-ins said out loud (lib/env/check-env.ts): the suite's own embedded
      // database, and a secret of its own, fresh for each stack.
      env: {
        PASSWORD_THROTTLE_WINDOW_SECONDS: String(TEST_PASSWORD_THROTTLE_WINDOW_SECONDS),
        // races.spec.ts sends 50 requests at once for the database to settle. With the default 10
        // pooled connections the rest queue, and on a slow host the server's own work for 50
        // sign-ups kept the last of them waiting past the app's 1-second wait for a connection:
        // 503s that said nothing about the race (7f7e229 failed 6 of 6 so, passed with 50).
        DATABASE_POOL_SIZE: '50',
        ATLAS_EMBEDDED_DATABASE: '1',
        AUTH_SECRET: randomBytes(32).toString('base64url'),
      },
      url: `http://localhost:${appPort}/api/health`,
      reuseExistingServer: !process.env.CI,
      timeout: 240_000,
      stdout: 'pipe',
      gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
    },
  });
}
