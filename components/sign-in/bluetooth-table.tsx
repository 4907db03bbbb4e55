'use client';

import { useEffect, useState } from 'react';
import type { Messages } from '@/lib/i18n/messages';
import { crossDeviceReadiness, osFamily, type CrossDeviceReadiness } from '@/lib/webauthn/client/cross-device';
import { readinessProblem } from './phone-sign-in';

type Browser = 'chrome' | 'edge' | 'firefox' | 'safari';
const BROWSERS: { id: Browser; name: string }[] = [
  { id: 'chrome', name: 'Chrome' },
  { id: 'edge', name: 'Edge' },
  { id: 'firefox', name: 'Firefox' },
  { id: 'safari', name: 'Safari' },
];

/** Web Bluetooth's availability check by system and browser (issue 10's table). */
const ROWS: { id: 'windows-10' | 'windows-11' | 'macos'; name: string; answers: Record<Browser, boolean> }[] = [
  { id: 'windows-10', name: 'Windows 10', answers: { chrome: true, edge: true, firefox: false, safari: false } },
  { id: 'windows-11', name: 'Windows 11', answers: { chrome: true, edge: true, firefox: false, safari: false } },
  { id: 'macos', name: 'macOS', answers: { chrome: true, edge: false, firefox: false, safari: false } },
];

interface Visitor {
  rows: string[];
  browser: Browser | null;
}

function browserOf(userAgent: string): Browser | null {
  if (/Edg\//.test(userAgent)) return 'edge';
  if (/Firefox\//.test(userAgent)) return 'firefox';
  if (/Chrome\//.test(userAgent)) return 'chrome';
  if (/Safari\//.test(userAgent)) return 'safari';
  return null;
}

/** Which rows are the visitor's: Windows 11 reports platform version 13 or later in UA client hints; without them both Windows rows. */
async function visitor(): Promise<Visitor> {
  const nav = navigator as Navigator & { userAgentData?: { platform?: string; getHighEntropyValues?: (hints: string[]) => Promise<{ platformVersion?: string }> } };
  const os = osFamily(nav.userAgentData?.platform, nav.userAgent);
  const browser = browserOf(nav.userAgent);
  if (os === 'macos') return { rows: ['macos'], browser };
  if (os !== 'windows') return { rows: [], browser };
  const version = await nav.userAgentData?.getHighEntropyValues?.(['platformVersion']).then((values) => Number(values.platformVersion?.split('.')[0]), () => NaN);
  if (version === undefined || Number.isNaN(version)) return { rows: ['windows-10', 'windows-11'], browser };
  return { rows: [version >= 13 ? 'windows-11' : 'windows-10'], browser };
}

/** The table with the visitor's row marked, and what the readiness check says on this computer now. */
export function BluetoothTable({ t, crossDevice }: { t: Messages['guide']; crossDevice: Messages['crossDevice'] }) {
  const [mine, setMine] = useState<Visitor | null>(null);
  const [readiness, setReadiness] = useState<CrossDeviceReadiness | null>(null);

  useEffect(() => {
    void visitor().then(setMine);
    void crossDeviceReadiness().then(setReadiness);
  }, []);

  const live = readiness && (readinessProblem(readiness, crossDevice) ?? t.ready);

  return (
    <div className="space-y-4">
      <div className="overflow-x-auto">
        <table className="w-full border-collapse text-sm">
          <caption className="mb-2 text-left text-slate-600">{t.tableCaption}</caption>
          <thead>
            <tr>
              <th scope="col" className="border-b border-slate-300 p-2 text-left">
                {t.os}
              </th>
              {BROWSERS.map((browser) => (
                <th key={browser.id} scope="col" className="border-b border-slate-300 p-2">
                  {browser.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {ROWS.map((row) => {
              const yours = mine?.rows.includes(row.id) ?? false;
              return (
                <tr key={row.id} aria-current={yours ? 'true' : undefined} className={yours ? 'bg-surface font-semibold ring-2 ring-brand' : ''}>
                  <th scope="row" className="border-b border-slate-200 p-2 text-left">
                    {row.name}
                    {yours && <span className="ml-2 text-xs font-normal text-slate-600">({t.yourRow})</span>}
                  </th>
                  {BROWSERS.map((browser) => (
                    <td key={browser.id} className={`border-b border-slate-200 p-2 text-center ${yours && mine?.browser === browser.id ? 'underline' : ''}`}>
                      <span role="img" aria-label={row.answers[browser.id] ? t.answers : t.noAnswer}>
                        {row.answers[browser.id] ? '✅' : '❌'}
                      </span>
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <section aria-labelledby="live-heading" className="space-y-1">
        <h3 id="live-heading" className="font-semibold">
          {t.liveHeading}
        </h3>
        {live && (
          <p role="status" data-readiness={readiness?.kind} className="text-sm text-slate-700">
            {live}
          </p>
        )}
      </section>
    </div>
  );
}
