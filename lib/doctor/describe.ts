import { format } from '@/lib/i18n/format';
import type { Messages } from '@/lib/i18n/messages';
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
