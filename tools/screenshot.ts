/**
 * Renders docs/two-sites.png for the README: two sites of the family side by side, as a
 * browser sees them through the edge. Needs `npm run dev` running.
 *   npx tsx tools/screenshot.ts [--edge-port 3443]
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { allHostnames } from '@/lib/sites/config';
import { findBrowser, headlessChromiumArgs } from './edge/browser';
import { ensureCertificate } from './edge/certificate';

const { values } = parseArgs({ options: { 'edge-port': { type: 'string', default: '3443' } } });
const certificate = ensureCertificate({ dir: path.resolve('.edge'), hostnames: allHostnames() });
const browser = await chromium.launch({
  executablePath: findBrowser()?.path,
  args: headlessChromiumArgs({ proxyUrl: `http://127.0.0.1:${values['edge-port']}`, spki: certificate.spki }),
});
const page = await browser.newPage({ viewport: { width: 1400, height: 620 } });
const frame = (url: string) => `<figure><figcaption>${url}</figcaption><iframe src="${url}"></iframe></figure>`;
await page.setContent(`<!doctype html><style>
  body{margin:0;display:flex;gap:20px;padding:20px;background:#e2e8f0;font:14px system-ui}
  figure{margin:0;flex:1;background:#fff;border-radius:10px;overflow:hidden;box-shadow:0 2px 10px #0002}
  figcaption{padding:8px 12px;background:#f1f5f9;color:#334155;font-family:ui-monospace,monospace}
  iframe{border:0;width:100%;height:540px}
</style>${frame('https://example-rewards.com/')}${frame('https://example.co.jp/')}`);
await Promise.all(page.frames().slice(1).map((f) => f.waitForLoadState('load')));
await page.screenshot({ path: 'docs/two-sites.png' });
await browser.close();
console.log('Wrote docs/two-sites.png');
