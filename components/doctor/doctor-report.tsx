import { describeEntry, describeFinding, describeLabels, describeProbe, type DoctorMessages } from '@/lib/doctor/describe';
import type { DoctorReport, HostReport, Severity, SiteReport } from '@/lib/doctor/report';
import { format } from '@/lib/i18n/format';

const VERDICT_STYLE: Record<SiteReport['verdict'], string> = {
  works: 'bg-emerald-100 text-emerald-900',
  fails: 'bg-red-100 text-red-900',
  unlisted: 'bg-slate-100 text-slate-800',
};

const SEVERITY_STYLE: Record<Severity, string> = {
  error: 'border-red-300 bg-red-50',
  warning: 'border-amber-300 bg-amber-50',
  info: 'border-slate-200 bg-white',
};

const SEVERITY_BADGE: Record<Severity, string> = {
  error: 'bg-red-700 text-white',
  warning: 'bg-amber-200 text-amber-950',
  info: 'bg-slate-200 text-slate-800',
};

/** The doctor's report: the summary, the live file as browsers read it, each site, then what to change. */
export function DoctorReportView({ report, t }: { report: DoctorReport; t: DoctorMessages }) {
  const labels = describeLabels(report, t);
  const entries = report.file.walk?.entries ?? [];
  return (
    <article className="space-y-8">
      <header className="space-y-2">
        <h1 className="text-3xl font-bold tracking-tight">{t.title}</h1>
        <p className="break-words text-slate-700">{format(t.intro, { url: report.file.url })}</p>
      </header>

      <p
        role="status"
        data-testid="doctor-summary"
        className={`rounded-xl border p-4 font-semibold ${report.ok ? 'border-emerald-300 bg-emerald-50 text-emerald-900' : 'border-red-300 bg-red-50 text-red-900'}`}
      >
        {report.ok ? t.summaryOk : t.summaryFail}
      </p>

      <section aria-labelledby="doctor-file" className="space-y-3">
        <h2 id="doctor-file" className="text-xl font-semibold">
          {t.fileHeading}
        </h2>
        <p className="break-all font-mono text-sm">{report.file.url}</p>
        <p>{report.file.walk ? format(t.fileOk, { count: entries.length }) : t.fileBroken}</p>
        {labels && <p className="text-sm text-slate-700">{labels}</p>}
        {entries.length > 0 && (
          <>
            <h3 className="text-sm font-semibold">{t.entriesHeading}</h3>
            <ol className="space-y-1 text-sm">
              {entries.map((entry) => {
                const { text, note } = describeEntry(entry, t);
                return (
                  <li key={entry.index} className="flex flex-col gap-x-3 sm:flex-row">
                    <span className="break-all font-mono">
                      [{entry.index}] {text}
                    </span>
                    <span className={entry.kind === 'counted' ? 'text-slate-600' : 'font-medium text-red-800'}>{note}</span>
                  </li>
                );
              })}
            </ol>
          </>
        )}
      </section>

      <section aria-labelledby="doctor-sites" className="space-y-3">
        <h2 id="doctor-sites" className="text-xl font-semibold">
          {t.sitesHeading}
        </h2>
        <ul className="space-y-3">
          {report.sites.map((site) => (
            <li key={site.id} data-testid={`doctor-site-${site.id}`} className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <p className="font-semibold">
                  {site.name} <span className="text-sm font-normal text-slate-600">({site.listed ? t.listedBadge : t.unlistedBadge})</span>
                </p>
                <span className={`rounded-full px-3 py-0.5 text-sm font-medium ${VERDICT_STYLE[site.verdict]}`}>{t[`verdict.${site.verdict}`]}</span>
              </div>
              <ul className="mt-2 space-y-2 text-sm">
                {site.hosts.map((host) => (
                  <HostLine key={host.hostname} host={host} listed={site.listed} t={t} />
                ))}
              </ul>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="doctor-findings" className="space-y-3">
        <h2 id="doctor-findings" className="text-xl font-semibold">
          {t.findingsHeading}
        </h2>
        {report.findings.length === 0 ? (
          <p>{t.noFindings}</p>
        ) : (
          <ul className="space-y-2">
            {report.findings.map((finding, index) => (
              <li key={index} data-severity={finding.severity} className={`rounded-lg border p-3 text-sm ${SEVERITY_STYLE[finding.severity]}`}>
                <span className={`mr-2 inline-block rounded px-2 py-0.5 text-xs font-bold uppercase ${SEVERITY_BADGE[finding.severity]}`}>
                  {t[`severity.${finding.severity}`]}
                </span>
                <span className="break-words">{describeFinding(finding, t)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="space-y-2 text-sm text-slate-700">
        <p>{t.cliHint}</p>
        <pre className="overflow-x-auto rounded-lg bg-slate-900 p-3 text-slate-100">
          <code>npm run doctor -- https://{report.rpId}</code>
        </pre>
      </section>
    </article>
  );
}

function HostLine({ host, listed, t }: { host: HostReport; listed: boolean; t: DoctorMessages }) {
  // On a site left out on purpose, "not in the list" is the expected state, not an alarm.
  const alarming = listed && !((host.verdict === 'rp-domain' || host.verdict === 'matched') && host.probe.ok);
  return (
    <li className="flex flex-col gap-x-3 sm:flex-row sm:items-baseline">
      <span className="break-all font-mono">{host.origin}</span>
      <span className={alarming ? 'font-medium text-red-800' : 'text-slate-700'}>
        {t[`host.${host.verdict}`]} · {describeProbe(host.probe, t)}
      </span>
    </li>
  );
}
