import { format } from '@/lib/i18n/format';
import type { Messages } from '@/lib/i18n/messages';
import type { OriginEntry } from './origin-walk';
import type { DoctorReport, Finding, HostProbe } from './report';

export type DoctorMessages = Messages['doctor'];

/** A finding in words: what is wrong and what to change. */
export function describeFinding(finding: Finding, t: DoctorMessages): string {
  return format(t[`finding.${finding.code}`], finding.values);
}

/** A host's reachability in a few words. */
export function describeProbe(probe: HostProbe, t: DoctorMessages): string {
  if (probe.ok) return format(t['probe.ok'], { status: probe.status });
  if (probe.failure.stage === 'timeout') return format(t['probe.timeout'], { seconds: probe.failure.timeoutMs / 1000 });
  return probe.failure.stage === 'tls' ? t['probe.tls'] : t['probe.unreachable'];
}

/** The labels line, or undefined when the file could not be read. */
export function describeLabels(report: DoctorReport, t: DoctorMessages): string | undefined {
  const labels = report.file.walk?.labels;
  return labels && format(t.labelsLine, { used: labels.length, labels: labels.join(', ') || '—' });
}

/** An entry of the live file and what browsers make of it. */
export function describeEntry(entry: OriginEntry, t: DoctorMessages): { text: string; note: string } {
  switch (entry.kind) {
    case 'counted':
    case 'skipped':
      return { text: entry.text, note: format(t[`entry.${entry.kind}`], { label: entry.label }) };
    case 'ignored':
      return { text: entry.text, note: t['entry.ignored'] };
    case 'not-a-string':
      return { text: entry.json, note: t['entry.not-a-string'] };
  }
}
