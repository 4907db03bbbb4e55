import type { ReactNode } from 'react';
import type { CeremonyLogEntry } from '@/lib/ceremony-log/entry';
import type { Language } from '@/lib/i18n/languages';
import {
  attachmentWords,
  attestationFormatWords,
  checkRows,
  counterWords,
  entryTitle,
  explainOutcome,
  flagRows,
  outcomeBadge,
  rpIdHashWords,
  uiWords,
  type InspectorMessages,
} from './describe-entry';

const CHECK_TONE = { passed: 'text-emerald-800', failed: 'text-red-800 font-semibold', 'not-reached': 'text-slate-500' } as const;

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="space-y-1">
      <h4 className="text-xs font-semibold tracking-wide text-slate-600 uppercase">{title}</h4>
      {children}
    </section>
  );
}

type Row = readonly [label: string, value: ReactNode];

/** Label and value pairs (a falsy row is one the entry lacks); long values (hashes, ids) wrap anywhere instead of widening the panel. */
function Fields({ rows }: { rows: (Row | false | undefined)[] }) {
  return (
    <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-1">
      {rows.filter((row): row is Row => Boolean(row)).map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="text-slate-600">{label}</dt>
          <dd className="font-mono text-xs break-all">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** One log entry: a summary line, expanded into everything the log knows of that step. */
export function EntryDetails({ entry, t, language }: { entry: CeremonyLogEntry; t: InspectorMessages; language: Language }) {
  const explanation = explainOutcome(entry, t);
  const time = new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'medium' }).format(new Date(entry.at));
  const { clientData, authenticatorData, attestation, credential, checks } = entry;
  return (
    <details className="group rounded-lg bg-white ring-1 ring-slate-200 open:ring-brand" data-step={entry.step} data-kind={entry.kind}>
      <summary className="flex cursor-pointer flex-col gap-1 p-3 focus-visible:outline-2 focus-visible:outline-brand">
        <span className="flex items-start justify-between gap-2">
          <span className="font-medium">{entryTitle(entry, t)}</span>
          <span className={`shrink-0 rounded px-1.5 text-xs font-semibold ring-1 ${entry.outcome.ok ? 'text-emerald-800 ring-emerald-700' : 'text-red-800 ring-red-700'}`}>{outcomeBadge(entry, t)}</span>
        </span>
        <span className="text-xs break-all text-slate-600">
          {entry.site.origin} · <time dateTime={entry.at}>{time}</time>
          {entry.ui && ` · ${uiWords(entry.ui, t)}`}
        </span>
      </summary>
      <div className="space-y-4 border-t border-slate-200 p-3 text-sm">
        {explanation && (
          <Section title={t.sectionOutcome}>
            <p role={entry.outcome.ok ? undefined : 'note'}>{explanation.text}</p>
            {explanation.origins && (
              <ul className="list-disc pl-5 font-mono text-xs break-all">
                {explanation.origins.map((origin) => (
                  <li key={origin}>{origin}</li>
                ))}
              </ul>
            )}
            {explanation.labels && <p>{explanation.labels}</p>}
            {explanation.browserMessage && <p className="text-xs break-words text-slate-600">{explanation.browserMessage}</p>}
          </Section>
        )}
        <Fields
          rows={[
            [t.fieldSite, `${entry.site.name} (${entry.site.origin})`],
            [t.fieldRpId, entry.rpId],
            entry.ui && [t.fieldStartedBy, uiWords(entry.ui, t)],
          ]}
        />
        {entry.options !== undefined && (
          <Section title={t.sectionOptions}>
            <pre className="max-h-64 overflow-auto rounded bg-slate-50 p-2 text-xs ring-1 ring-slate-200">{JSON.stringify(entry.options, null, 2)}</pre>
          </Section>
        )}
        {clientData && (
          <Section title={t.sectionClientData}>
            <Fields
              rows={[
                [t.fieldType, clientData.type],
                [t.fieldChallenge, clientData.challenge],
                [t.fieldOrigin, clientData.origin],
                [t.fieldCrossOrigin, String(clientData.crossOrigin ?? false)],
                !!clientData.topOrigin && [t.fieldTopOrigin, clientData.topOrigin],
              ]}
            />
          </Section>
        )}
        {authenticatorData && (
          <Section title={t.sectionAuthenticatorData}>
            <Fields
              rows={[
                [t.fieldRpIdHash, <span key="hash">{authenticatorData.rpIdHash}<span className="block font-sans">= {rpIdHashWords(authenticatorData.rpIdMatch, t)}</span></span>],
                [t.fieldCounter, counterWords(authenticatorData.counter, t)],
                !!authenticatorData.aaguid && [t.fieldAaguid, authenticatorData.aaguid],
                !!authenticatorData.aaguid && [t.fieldProvider, authenticatorData.provider?.name ?? t.unknownProvider],
              ]}
            />
            <ul aria-label={t.fieldFlags} className="space-y-0.5">
              {flagRows(authenticatorData.flags, t).map((row) => (
                <li key={row.flag} data-flag={row.flag} data-on={row.on} className={row.on ? '' : 'text-slate-500'}>
                  <span className="inline-block w-12 font-semibold">{row.on ? t.flagOn : t.flagOff}</span>
                  {row.words}
                </li>
              ))}
            </ul>
          </Section>
        )}
        {attestation && (
          <Section title={t.sectionAttestation}>
            <Fields
              rows={[
                [t.fieldFormat, attestationFormatWords(attestation.fmt, t)],
                [t.fieldAlgorithm, `${attestation.algorithmName} (${attestation.algorithm})`],
              ]}
            />
          </Section>
        )}
        {credential && (
          <Section title={t.sectionCredential}>
            <Fields
              rows={[
                [t.fieldCredentialId, credential.id],
                !!credential.authenticatorAttachment && [t.fieldAttachment, attachmentWords(credential.authenticatorAttachment, t)],
                !!credential.transports?.length && [t.fieldTransports, credential.transports.join(', ')],
              ]}
            />
          </Section>
        )}
        {checks && checks.length > 0 && (
          <Section title={t.sectionChecks}>
            <ol className="space-y-1">
              {checkRows(checks, t).map((row) => (
                <li key={row.id} data-check={row.id} data-status={row.status}>
                  <span className={`mr-2 ${CHECK_TONE[row.status]}`}>{row.statusWord}</span>
                  {row.label}
                  {row.detail && <span className="block text-xs break-all text-slate-600">{row.detail}</span>}
                </li>
              ))}
            </ol>
          </Section>
        )}
      </div>
    </details>
  );
}
