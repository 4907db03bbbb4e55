'use client';

import { useEffect, useEffectEvent, useId, useLayoutEffect, useRef } from 'react';
import { format } from '@/lib/i18n/format';
import type { Language } from '@/lib/i18n/languages';
import { messagesFor } from '@/lib/i18n/messages';
import { SequenceDiagram } from '../sequence-diagram/sequence-diagram';
import { EntryDetails } from './entry-details';
import { useCeremonyLog } from './use-ceremony-log';

export interface InspectorPanelProps {
  id: string;
  language: Language;
  rpId: string;
  relatedOrigin: boolean;
  /** Move focus to the panel's heading: the person just opened it. */
  takeFocus: boolean;
  onClose: () => void;
}

/**
 * The inspector: the live sequence diagram and this browser's ceremony log, newest first. A
 * non-modal panel, so the page stays usable while it is open (that is the point: watch a
 * ceremony as it happens): a bottom sheet on a phone, a side panel from the `sm` width up.
 * Loaded only when opened (inspector-toggle.tsx).
 */
export default function InspectorPanel({ id, language, rpId, relatedOrigin, takeFocus, onClose }: InspectorPanelProps) {
  // The catalogues are already in every page's bundle (the language switcher names each language in itself).
  const messages = messagesFor(language);
  const t = messages.inspector;
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const { state, refresh } = useCeremonyLog();

  useEffect(() => {
    if (takeFocus) heading.current?.focus();
  }, [takeFocus]);

  const escape = useEffectEvent((event: KeyboardEvent) => {
    if (event.key === 'Escape' && !event.defaultPrevented) onClose();
  });
  // Attached before the panel is painted, not after: a passive effect can run a frame or more
  // later on a busy device, and an Escape pressed as soon as the panel showed went nowhere (the
  // end-to-end suite caught it under load).
  useLayoutEffect(() => {
    const listener = (event: KeyboardEvent) => escape(event);
    document.addEventListener('keydown', listener);
    return () => document.removeEventListener('keydown', listener);
  }, []);

  return (
    <section
      id={id}
      role="dialog"
      aria-modal="false"
      aria-labelledby={headingId}
      className="fixed inset-x-0 bottom-0 z-40 flex max-h-[75dvh] flex-col rounded-t-2xl bg-white text-left text-slate-900 shadow-2xl ring-1 ring-slate-300 sm:inset-y-0 sm:right-0 sm:left-auto sm:max-h-none sm:w-[30rem] sm:max-w-full sm:rounded-none print:hidden"
    >
      <header className="flex items-center justify-between gap-2 border-b border-slate-200 px-4 py-3">
        <h2 id={headingId} ref={heading} tabIndex={-1} className="text-lg font-semibold focus:outline-none">
          {t.title}
        </h2>
        <div className="flex gap-2 text-sm">
          <button type="button" onClick={refresh} className="rounded-md px-2 py-1 ring-1 ring-slate-300 hover:bg-surface focus-visible:outline-2 focus-visible:outline-brand">
            {t.refresh}
          </button>
          <button type="button" onClick={onClose} className="rounded-md px-2 py-1 ring-1 ring-slate-300 hover:bg-surface focus-visible:outline-2 focus-visible:outline-brand">
            {t.close}
          </button>
        </div>
      </header>
      <div className="min-h-0 flex-1 space-y-6 overflow-y-auto overscroll-contain px-4 py-4">
        <p className="text-sm text-slate-700">{t.intro}</p>
        <section aria-labelledby={`${headingId}-diagram`} className="space-y-2">
          <h3 id={`${headingId}-diagram`} className="font-semibold">
            {t.diagramHeading}
          </h3>
          <SequenceDiagram messages={messages.sequence} rpId={rpId} relatedOrigin={relatedOrigin} />
        </section>
        <section aria-labelledby={`${headingId}-entries`} aria-busy={state.kind === 'loading'} className="space-y-2">
          <h3 id={`${headingId}-entries`} className="font-semibold">
            {t.entriesLabel}
          </h3>
          {state.kind === 'loading' && <p className="text-sm text-slate-600">{t.loading}</p>}
          {state.kind === 'failed' && (
            <p role="alert" className="rounded-lg border border-red-300 bg-red-50 p-3 text-sm text-red-900">
              {format(t.failed, { message: state.message })}
            </p>
          )}
          {state.kind === 'ready' && state.entries.length === 0 && <p className="text-sm text-slate-600">{t.empty}</p>}
          {state.kind === 'ready' && state.entries.length > 0 && (
            <ol aria-label={t.entriesLabel} className="space-y-2">
              {state.entries.map((entry) => (
                <li key={entry.id}>
                  <EntryDetails entry={entry} t={t} language={language} />
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>
    </section>
  );
}
