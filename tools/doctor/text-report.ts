import { format } from '@/lib/i18n/format';
import { describeEntry, describeFinding, describeLabels, describeProbe, type DoctorMessages } from '@/lib/doctor/describe';
import type { DoctorReport, SiteReport } from '@/lib/doctor/report';

const SITE_MARK: Record<SiteReport['verdict'], string> = { works: '✔', fails: '✖', unlisted: '–' };
const SEVERITY_WIDTH = 9;

/** The report as plain text for a terminal: the file, each site with its verdict, then what to change. */
export function textReport(report: DoctorReport, configName: string, t: DoctorMessages): string {
  const lines: string[] = [];
  lines.push(t.title, `  Checked  ${report.file.url}`, `  Config   ${configName} (RP ID ${report.configRpId})`, '');

  lines.push(t.fileHeading, `  ${report.file.walk ? format(t.fileOk, { count: report.file.walk.entries.length }) : t.fileBroken}`);
  const labels = describeLabels(report, t);
  if (labels) lines.push(`  ${labels}`);
  const entries = report.file.walk?.entries ?? [];
  if (entries.length > 0) {
    lines.push(`  ${t.entriesHeading}:`);
    const described = entries.map((entry) => describeEntry(entry, t));
    const textWidth = Math.max(...described.map(({ text }) => text.length));
    described.forEach(({ text, note }, index) => lines.push(`    ${`[${index}]`.padEnd(5)} ${text.padEnd(textWidth)}  ${note}`));
  }
  lines.push('');

  lines.push(t.sitesHeading);
  const width = Math.max(...report.sites.flatMap((site) => site.hosts.map((host) => host.origin.length)));
  for (const site of report.sites) {
    lines.push(`  ${SITE_MARK[site.verdict]} ${site.name} (${site.id}), ${site.listed ? t.listedBadge : t.unlistedBadge}: ${t[`verdict.${site.verdict}`]}`);
    for (const host of site.hosts) {
      lines.push(`      ${host.origin.padEnd(width)}  ${t[`host.${host.verdict}`]} · ${describeProbe(host.probe, t)}`);
    }
  }
  lines.push('');

  lines.push(t.findingsHeading);
  if (report.findings.length === 0) lines.push(`  ${t.noFindings}`);
  for (const finding of report.findings) {
    lines.push(`  ${`[${t[`severity.${finding.severity}`].toLowerCase()}]`.padEnd(SEVERITY_WIDTH)} ${describeFinding(finding, t)}`);
  }
  lines.push('', report.ok ? `✔ ${t.summaryOk}` : `✖ ${t.summaryFail}`);
  return `${lines.join('\n')}\n`;
}
