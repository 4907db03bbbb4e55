import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';

export type FoundBrowser = { path: string; kind: 'system' | 'playwright' };

/**
 * An installed Google Chrome or Chromium, else Playwright's own Chromium if it was downloaded
 * (`npx playwright install chromium`), else undefined.
 */
export function findBrowser(): FoundBrowser | undefined {
  const system = systemCandidates().find((candidate) => existsSync(candidate));
  if (system) return { path: system, kind: 'system' };
  const bundled = playwrightChromium();
  return bundled ? { path: bundled, kind: 'playwright' } : undefined;
}

function systemCandidates(): string[] {
  if (process.platform === 'darwin') {
    const apps = ['Google Chrome.app/Contents/MacOS/Google Chrome', 'Chromium.app/Contents/MacOS/Chromium'];
    return ['/Applications', path.join(os.homedir(), 'Applications')].flatMap((dir) =>
      apps.map((app) => path.join(dir, app)),
    );
  }
  if (process.platform === 'win32') {
    const roots = [process.env.PROGRAMFILES, process.env['PROGRAMFILES(X86)'], process.env.LOCALAPPDATA];
    return roots
      .filter((root): root is string => Boolean(root))
      .flatMap((root) => [
        path.join(root, 'Google', 'Chrome', 'Application', 'chrome.exe'),
        path.join(root, 'Chromium', 'Application', 'chrome.exe'),
      ]);
  }
  const names = ['google-chrome', 'google-chrome-stable', 'chromium', 'chromium-browser'];
  const dirs = ['/usr/bin', ...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean)];
  return names.flatMap((name) => [...new Set(dirs)].map((dir) => path.join(dir, name)));
}

function playwrightChromium(): string | undefined {
  try {
    const executable = chromium.executablePath();
    return existsSync(executable) ? executable : undefined;
  } catch {
    return undefined; // Playwright has no build for this platform
  }
}

export type EdgeBrowserArgsOptions = { proxyUrl: string; spki: string };

/**
 * Flags that make Chrome/Chromium reach the sites through the edge, shared by Playwright and the
 * dev launcher. With Playwright pass them as `args` and do not also set its `proxy` option: that
 * adds `--proxy-bypass-list=<-loopback>`, which would send http://localhost to the edge (403).
 * Chromium's default keeps localhost and 127.0.0.1 direct, so the app stays reachable on its own
 * port too.
 */
export function edgeBrowserArgs({ proxyUrl, spki }: EdgeBrowserArgsOptions): string[] {
  return [
    `--proxy-server=${proxyUrl}`,
    // Trusts exactly the edge's key, with no certificate install; Chrome honours it only with
    // --user-data-dir (Playwright always passes one).
    `--ignore-certificate-errors-spki-list=${spki}`,
    // Without these Chromium keeps calling Google services, which the edge refuses.
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--no-default-browser-check',
  ];
}

/**
 * `edgeBrowserArgs` plus what headless Chromium needs in containers and CI: no GPU there, and
 * often no user namespaces for the sandbox (Playwright itself adds `--no-sandbox` by default).
 */
export function headlessChromiumArgs(options: EdgeBrowserArgsOptions): string[] {
  return [...edgeBrowserArgs(options), '--no-sandbox', '--disable-gpu'];
}

export type LaunchBrowserOptions = EdgeBrowserArgsOptions & {
  executable: string;
  url: string;
  /** A profile kept for the edge only: the SPKI flag needs one, and it keeps the user's own profile untouched. */
  userDataDir: string;
};

/** Opens a visible browser window on `url`; kill the returned process to close it. */
export function launchBrowser({ executable, url, userDataDir, proxyUrl, spki }: LaunchBrowserOptions): ChildProcess {
  mkdirSync(userDataDir, { recursive: true });
  const args = [
    ...edgeBrowserArgs({ proxyUrl, spki }),
    `--user-data-dir=${userDataDir}`,
    // Chrome refuses to start as root with its sandbox on (containers, some dev VMs).
    ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    url,
  ];
  const child = spawn(executable, args, { stdio: 'ignore' });
  // A missing or broken executable must not crash the launcher; the caller sees `exitCode`.
  child.on('error', (error) => console.error(`Could not start ${executable}: ${error.message}`));
  return child;
}

/** Whether a visible window can be opened here. */
export function hasDisplay(): boolean {
  if (process.platform === 'darwin' || process.platform === 'win32') return true;
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}
