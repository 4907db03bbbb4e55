import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { APP_PORT, EDGE_PORT } from './e2e/ports';
import { allHostnames } from './lib/sites/config';
import { findBrowser, headlessChromiumArgs } from './tools/edge/browser';
import { ensureCertificate } from './tools/edge/certificate';


// The edge's certificate is made (or reused) here, before any browser starts, so every worker
// trusts the same key by its SPKI hash.
const certificate = ensureCertificate({ dir: path.resolve('.edge'), hostnames: allHostnames() });

// Playwright cannot download its browser on every machine (not on CI's): an installed Chrome or
// Chromium is used when there is one, Playwright's own otherwise.
const executablePath = findBrowser()?.path;

export default defineConfig({
  testDir: './e2e',
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: 2,
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    ...devices['Desktop Chrome'],
    baseURL: 'https://example.com',
    trace: 'on-first-retry',
    launchOptions: {
      executablePath,
      // The proxy is a launch flag, not Playwright's `proxy` option: that one sends loopback
      // through the proxy too, and the suite reaches the app on 127.0.0.1 directly.
      args: headlessChromiumArgs({ proxyUrl: `http://127.0.0.1:${EDGE_PORT}`, spki: certificate.spki }),
    },
  },
  webServer: {
    command: `npx tsx tools/serve.ts --mode production --purpose test --edge --port ${APP_PORT} --edge-port ${EDGE_PORT}`,
    url: `http://localhost:${APP_PORT}/api/health`,
    reuseExistingServer: !process.env.CI,
    timeout: 240_000,
    stdout: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
  },
});
