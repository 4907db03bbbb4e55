'use client';

import { useId, useState, useSyncExternalStore } from 'react';
import { format } from '@/lib/i18n/format';
import { ceremonyEvents, type CeremonyEvent } from '@/lib/webauthn/client/ceremony-events';
import { partyName, statusWord, stepLabel, type SequenceMessages } from './sequence-labels';
import { diagramState, newestRun, PARTIES, sequenceOf, STEPS, type Party, type Sequence, type StepStatus } from './sequence-model';

/** The diagram's coordinate system: as wide as a 390-px phone's content, scaled to its box. */
export const DIAGRAM_WIDTH = 360;
export const LABEL_FONT_SIZE = 11;
/** Where labels start, after the status mark and the step number. */
export const LABEL_X = 30;
const PARTY_X: Record<Party, number> = { server: 45, page: 135, browser: 225, authenticator: 315 };
const PARTY_BOX = { width: 86, height: 26, y: 4 };
const FIRST_ROW = 44;
const ROW = 32;
const NOTE_ROW = 12;

const MARK: Record<StepStatus, string> = {
  idle: '',
  active: '▶',
  'inside-browser': '…',
  done: '✓',
  failed: '✗',
  skipped: '–',
  'not-reached': '·',
};

// Colours by status; in print everything is black on white, the marks telling the statuses apart.
const LINE: Record<StepStatus, string> = {
  idle: 'stroke-slate-300',
  active: 'stroke-brand motion-safe:animate-pulse',
  'inside-browser': 'stroke-brand motion-safe:animate-pulse',
  done: 'stroke-slate-800',
  failed: 'stroke-red-700',
  skipped: 'stroke-slate-200',
  'not-reached': 'stroke-slate-300',
};
const HEAD: Record<StepStatus, string> = {
  idle: 'fill-slate-300',
  active: 'fill-brand',
  'inside-browser': 'fill-brand',
  done: 'fill-slate-800',
  failed: 'fill-red-700',
  skipped: 'fill-slate-200',
  'not-reached': 'fill-slate-300',
};
const TEXT: Record<StepStatus, string> = {
  idle: 'fill-slate-600',
  active: 'fill-slate-950 font-semibold',
  'inside-browser': 'fill-slate-800',
  done: 'fill-slate-900',
  failed: 'fill-red-800 font-semibold',
  skipped: 'fill-slate-400',
  'not-reached': 'fill-slate-500',
};

const NO_EVENTS: readonly CeremonyEvent[] = [];

function useLastCeremony(): readonly CeremonyEvent[] {
  return useSyncExternalStore(ceremonyEvents.subscribe, ceremonyEvents.lastCeremony, () => NO_EVENTS);
}

export interface SequenceDiagramProps {
  messages: SequenceMessages;
  rpId: string;
  /** Whether this site is outside the RP ID's domain, until a ceremony's options say so. */
  relatedOrigin: boolean;
  /** Always this sequence; without it, the last ceremony's, with buttons to switch. */
  sequence?: Sequence;
}

/**
 * The four parties of a passkey ceremony and its steps, lit as the page's ceremony events arrive
 * (the newest run in this tab, replayed after a full page load). The well-known fetch is drawn
 * dashed: the browser makes it on its own, and the page only learns of it from the answer.
 */
export function SequenceDiagram({ messages: t, rpId, relatedOrigin, sequence: fixed }: SequenceDiagramProps) {
  const events = useLastCeremony();
  const [chosen, setChosen] = useState<Sequence | null>(null);
  const id = useId();
  const lastKind = newestRun(events)[0]?.kind;
  const sequence = fixed ?? chosen ?? (lastKind ? sequenceOf(lastKind) : 'authentication');
  const state = diagramState(events, sequence, relatedOrigin);
  const title = sequence === 'registration' ? t.registrationTitle : t.authenticationTitle;

  const rows: { top: number; height: number }[] = [];
  let y = FIRST_ROW;
  for (const step of STEPS) {
    const height = ROW + (step.id === 'well-known' ? NOTE_ROW : 0);
    rows.push({ top: y, height });
    y += height;
  }
  const height = y + 6;

  const current = state.current ? STEPS.findIndex((step) => step.id === state.current) : -1;
  const currentStep = STEPS[current];
  const live = currentStep
    ? format(state.error && state.statuses[currentStep.id] === 'failed' ? t.liveError : t.live, {
        number: current + 1,
        label: stepLabel(t, sequence, currentStep.id, rpId),
        status: statusWord(t, state.statuses[currentStep.id]),
        error: state.error ?? '',
      })
    : t.nothingYet;

  return (
    <figure className="space-y-2 break-inside-avoid" data-sequence={sequence} aria-labelledby={`${id}-title`}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <figcaption id={`${id}-title`} className="font-semibold">
          {title}
        </figcaption>
        {!fixed && (
          <div role="group" aria-label={t.chooseLabel} className="flex gap-1 text-sm print:hidden">
            {(['registration', 'authentication'] as const).map((option) => (
              <button
                key={option}
                type="button"
                aria-pressed={option === sequence}
                onClick={() => setChosen(option)}
                className="rounded-md px-2 py-1 ring-1 ring-slate-300 aria-pressed:bg-surface aria-pressed:font-semibold aria-pressed:ring-brand focus-visible:outline-2 focus-visible:outline-brand"
              >
                {option === 'registration' ? t.showRegistration : t.showAuthentication}
              </button>
            ))}
          </div>
        )}
      </div>
      {/* The picture; the ordered list after it says the same for screen readers. */}
      <svg viewBox={`0 0 ${DIAGRAM_WIDTH} ${height}`} className="block h-auto w-full max-w-md" aria-hidden="true" fontSize={LABEL_FONT_SIZE}>
        {PARTIES.map((party) => (
          <g key={party}>
            <line x1={PARTY_X[party]} x2={PARTY_X[party]} y1={PARTY_BOX.y + PARTY_BOX.height} y2={height - 4} className="stroke-slate-300 print:stroke-slate-500" strokeDasharray="2 3" />
            <rect x={PARTY_X[party] - PARTY_BOX.width / 2} y={PARTY_BOX.y} width={PARTY_BOX.width} height={PARTY_BOX.height} rx={6} className="fill-white stroke-slate-700 print:stroke-black" />
            <text x={PARTY_X[party]} y={PARTY_BOX.y + 17} textAnchor="middle" fontSize={10.5} className="fill-slate-900 font-semibold print:fill-black">
              {partyName(t, party)}
            </text>
          </g>
        ))}
        {STEPS.map((step, index) => {
          const status = state.statuses[step.id];
          const row = rows[index] ?? { top: 0, height: ROW };
          const arrowY = row.top + row.height - 8;
          const from = PARTY_X[step.from];
          const to = PARTY_X[step.to];
          const direction = to > from ? 1 : -1;
          const dashed = step.id === 'well-known';
          return (
            <g key={step.id} data-step={step.id} data-status={status}>
              {index === current && <rect x={0} y={row.top} width={DIAGRAM_WIDTH} height={row.height} rx={4} className="fill-surface print:hidden" />}
              <text x={4} y={row.top + 13} className={`${TEXT[status]} print:fill-black`}>
                {MARK[status]}
              </text>
              <text x={14} y={row.top + 13} className={`${TEXT[status]} print:fill-black`}>
                {index + 1}.
              </text>
              <text x={LABEL_X} y={row.top + 13} className={`${TEXT[status]} print:fill-black`}>
                {stepLabel(t, sequence, step.id, rpId)}
              </text>
              {dashed && (
                <text x={LABEL_X} y={row.top + 25} fontSize={10} fontStyle="italic" className="fill-slate-600 print:fill-black">
                  {t.wellKnownNote}
                </text>
              )}
              <line
                x1={from}
                x2={to - direction * 6}
                y1={arrowY}
                y2={arrowY}
                strokeWidth={status === 'active' || status === 'failed' ? 2.5 : 1.5}
                strokeDasharray={dashed ? '5 4' : undefined}
                className={`${LINE[status]} print:stroke-black`}
              />
              <polygon points={`${to},${arrowY} ${to - direction * 7},${arrowY - 4} ${to - direction * 7},${arrowY + 4}`} className={`${HEAD[status]} print:fill-black`} />
            </g>
          );
        })}
      </svg>
      <ol className="sr-only">
        {STEPS.map((step) => (
          <li key={step.id}>
            {stepLabel(t, sequence, step.id, rpId)}
            {step.id === 'well-known' && ` (${t.wellKnownNote})`}: {statusWord(t, state.statuses[step.id])}
          </li>
        ))}
      </ol>
      <p className="text-sm text-slate-700 print:text-black" aria-live="polite">
        {live}
      </p>
      <p className="text-xs text-slate-600 print:text-black">{t.legend}</p>
    </figure>
  );
}
