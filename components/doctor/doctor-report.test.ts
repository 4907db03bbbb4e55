import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { buildReport, type HostProbe } from '@/lib/doctor/report';
import { en } from '@/lib/i18n/en';
import { ja } from '@/lib/i18n/ja';
import { TEST_FAMILY, TEST_FAMILY_ORIGINS, testConfig } from '@/tools/doctor/test-family';
import { DoctorReportView } from './doctor-report';

const family = testConfig(TEST_FAMILY);
const probes = new Map<string, HostProbe>(family.sites.flatMap((site) => site.hostnames.map((hostname) => [hostname, { ok: true, status: 200 }])));
const skipping = buildReport({
  rpId: family.rpId,
  config: family,
  wellKnown: { ok: true, origins: [...TEST_FAMILY_ORIGINS.slice(0, 5), 'https://echo.test', 'https://foxtrot.test'] },
  probes,
});

const render = (t = en.doctor, report = skipping) => renderToStaticMarkup(createElement(DoctorReportView, { report, t }));
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/\s+/g, ' ');

describe('DoctorReportView', () => {
  it('shows the failing summary, the live entries with their labels, each site and what to change', () => {
    const page = text(render());
    expect(page).toContain(en.doctor.summaryFail);
    expect(page).toContain('[5] https://echo.test label “echo”');
    expect(page).toContain('[6] https://foxtrot.test skipped: label “foxtrot” would be a sixth');
    expect(page).toMatch(/Test foxtrot \(listed\) Passkeys fail https:\/\/foxtrot\.test Skipped: after 5 other labels · HTTPS answers \(200\)/);
    expect(page).toContain('had already seen alpha, bravo, charlie, delta, echo, so they skip it');
    expect(page).toContain('npm run doctor -- https://alpha.test');
  });

  it('says so when every listed site works', () => {
    const good = buildReport({ rpId: family.rpId, config: family, wellKnown: { ok: true, origins: TEST_FAMILY_ORIGINS }, probes });
    expect(text(render(en.doctor, good))).toContain(en.doctor.summaryOk);
  });

  it('renders in Japanese with every placeholder filled', () => {
    const page = text(render(ja.doctor));
    expect(page).toContain(ja.doctor.summaryFail);
    expect(page).toContain('スキップ: ラベル「foxtrot」は 6 つ目になる');
    expect(page).not.toMatch(/\{\w+\}/);
  });
});
