import { once } from 'node:events';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { edgeBrowserArgs, findBrowser, hasDisplay, headlessChromiumArgs, launchBrowser } from './browser';

const target = { proxyUrl: 'http://127.0.0.1:3443', spki: 'AAAA+/=' };

describe('edgeBrowserArgs', () => {
  it('routes through the edge, pins the SPKI and keeps Chromium quiet', () => {
    const args = edgeBrowserArgs(target);
    expect(args).toEqual(
      expect.arrayContaining([
        '--proxy-server=http://127.0.0.1:3443',
        '--ignore-certificate-errors-spki-list=AAAA+/=',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ]),
    );
    // Loopback must stay direct so the app's own port remains reachable.
    expect(args.some((arg) => arg.startsWith('--proxy-bypass-list'))).toBe(false);
  });

  it('adds the container flags only to the headless set', () => {
    expect(edgeBrowserArgs(target)).not.toContain('--no-sandbox');
    expect(headlessChromiumArgs(target)).toEqual([...edgeBrowserArgs(target), '--no-sandbox', '--disable-gpu']);
  });
});

describe('findBrowser', () => {
  it('returns an existing executable when it returns anything', () => {
    const browser = findBrowser();
    if (browser) expect(existsSync(browser.path)).toBe(true);
  });

  it.runIf(process.platform === 'linux' && existsSync('/usr/bin/chromium'))('prefers the system Chromium', () => {
    expect(findBrowser()?.kind).toBe('system');
  });
});

describe('hasDisplay', () => {
  const saved = { DISPLAY: process.env.DISPLAY, WAYLAND_DISPLAY: process.env.WAYLAND_DISPLAY };
  afterEach(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it.runIf(process.platform === 'linux')('follows DISPLAY and WAYLAND_DISPLAY on Linux', () => {
    delete process.env.DISPLAY;
    delete process.env.WAYLAND_DISPLAY;
    expect(hasDisplay()).toBe(false);
    process.env.WAYLAND_DISPLAY = 'wayland-0';
    expect(hasDisplay()).toBe(true);
    delete process.env.WAYLAND_DISPLAY;
    process.env.DISPLAY = ':0';
    expect(hasDisplay()).toBe(true);
  });
});

describe('launchBrowser', () => {
  it.skipIf(process.platform === 'win32')('starts the executable with the edge flags, a profile and the URL', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'edge-browser-'));
    try {
      // A stand-in browser that records its command line.
      const executable = path.join(dir, 'fake-chrome');
      const record = path.join(dir, 'args.txt');
      writeFileSync(executable, `#!/bin/sh\nprintf '%s\\n' "$@" > '${record}'\n`);
      chmodSync(executable, 0o755);
      const userDataDir = path.join(dir, 'profile');

      const child = launchBrowser({ executable, url: 'https://example.com/', userDataDir, ...target });
      const [code] = await once(child, 'exit');
      expect(code).toBe(0);

      const args = readFileSync(record, 'utf8').trimEnd().split('\n');
      expect(args).toEqual(expect.arrayContaining([...edgeBrowserArgs(target), `--user-data-dir=${userDataDir}`]));
      expect(args.at(-1)).toBe('https://example.com/');
      expect(existsSync(userDataDir)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
