import type { CeremonyEvent } from '@/lib/webauthn/client/ceremony-events';

/** The four parties of a passkey ceremony, left to right on the diagram. */
export const PARTIES = ['server', 'page', 'browser', 'authenticator'] as const;
export type Party = (typeof PARTIES)[number];

export type Sequence = 'registration' | 'authentication';

export const STEP_IDS = [
  'options-request',
  'options-answer',
  'browser-call',
  'well-known',
  'authenticator-ask',
  'authenticator-answer',
  'browser-answer',
  'verify-request',
  'verify-answer',
] as const;
export type StepId = (typeof STEP_IDS)[number];

export interface StepDefinition {
  id: StepId;
  from: Party;
  to: Party;
  /** Happens inside the browser: the page only learns of it from what the browser answers. */
  unobservable: boolean;
}

/** Both sequences have the same shape; only their words differ (registration creates, sign-in signs). */
export const STEPS: readonly StepDefinition[] = [
  { id: 'options-request', from: 'page', to: 'server', unobservable: false },
  { id: 'options-answer', from: 'server', to: 'page', unobservable: false },
  { id: 'browser-call', from: 'page', to: 'browser', unobservable: false },
  // On a related origin the browser fetches https://{rpId}/.well-known/webauthn from the RP ID's server.
  { id: 'well-known', from: 'browser', to: 'server', unobservable: true },
  { id: 'authenticator-ask', from: 'browser', to: 'authenticator', unobservable: true },
  { id: 'authenticator-answer', from: 'authenticator', to: 'browser', unobservable: true },
  { id: 'browser-answer', from: 'browser', to: 'page', unobservable: false },
  { id: 'verify-request', from: 'page', to: 'server', unobservable: false },
  { id: 'verify-answer', from: 'server', to: 'page', unobservable: false },
];

/**
 * - `idle`: nothing yet in this run;
 * - `active`: the page is waiting for it;
 * - `inside-browser`: the browser is working and the page cannot see how far it got;
 * - `done`, `failed`;
 * - `skipped`: the well-known fetch on a site under the RP ID, where the browser needs no list;
 * - `not-reached`: an earlier step failed.
 */
export type StepStatus = 'idle' | 'active' | 'inside-browser' | 'done' | 'failed' | 'skipped' | 'not-reached';

export interface DiagramState {
  statuses: Record<StepId, StepStatus>;
  /** The step the last event was about, for the live caption; null before any. */
  current: StepId | null;
  /** The browser's error name or the API's code when the run failed. */
  error?: string;
  relatedOrigin: boolean | null;
}

/** Which sequence a run of this kind follows: a reauthentication is a sign-in. */
export function sequenceOf(kind: CeremonyEvent['kind']): Sequence {
  return kind === 'registration' ? 'registration' : 'authentication';
}

/** The events of the newest run only: a replaced run's late events (an aborted autofill) do not count. */
export function newestRun(events: readonly CeremonyEvent[]): CeremonyEvent[] {
  let newest: CeremonyEvent | undefined;
  for (const event of events) if (!newest || event.startedAt > newest.startedAt) newest = event;
  return newest ? events.filter((event) => event.run === newest.run) : [];
}

function set(statuses: Record<StepId, StepStatus>, ids: readonly StepId[], status: StepStatus): void {
  for (const id of ids) statuses[id] = status;
}

const INSIDE: readonly StepId[] = ['well-known', 'authenticator-ask', 'authenticator-answer'];
const AFTER_BROWSER: readonly StepId[] = ['verify-request', 'verify-answer'];

/**
 * Where the diagram of `sequence` stands after the page's events: only the newest run counts,
 * and only when it is of that sequence. `relatedOrigin` is what the page knows of its own site,
 * used until the run's options have named the RP ID.
 */
export function diagramState(events: readonly CeremonyEvent[], sequence: Sequence, relatedOrigin: boolean | null): DiagramState {
  const statuses = Object.fromEntries(STEP_IDS.map((id) => [id, 'idle'])) as Record<StepId, StepStatus>;
  const run = newestRun(events).filter((event) => sequenceOf(event.kind) === sequence);
  const related = run.findLast((event) => event.relatedOrigin !== null)?.relatedOrigin ?? relatedOrigin;
  if (related === false) statuses['well-known'] = 'skipped';
  const state: DiagramState = { statuses, current: null, relatedOrigin: related };
  const inside: StepId[] = related === false ? ['authenticator-ask', 'authenticator-answer'] : [...INSIDE];

  for (const event of run) {
    switch (event.phase) {
      case 'options-requested':
        statuses['options-request'] = 'active';
        state.current = 'options-request';
        break;
      case 'options-received':
        set(statuses, ['options-request', 'options-answer'], 'done');
        state.current = 'options-answer';
        break;
      case 'options-refused':
        statuses['options-request'] = 'done';
        statuses['options-answer'] = 'failed';
        set(statuses, ['browser-call', ...inside, 'browser-answer', ...AFTER_BROWSER], 'not-reached');
        state.current = 'options-answer';
        break;
      case 'browser-called':
        statuses['browser-call'] = 'done';
        set(statuses, inside, 'inside-browser');
        state.current = 'browser-call';
        break;
      case 'browser-answered':
        set(statuses, [...inside, 'browser-answer'], 'done');
        state.current = 'browser-answer';
        break;
      case 'browser-refused': {
        // The browser says only its error's name; where it stopped follows from what that name means.
        const failedAt: StepId = event.error === 'SecurityError' ? (related === false ? 'browser-call' : 'well-known') : 'authenticator-ask';
        const reached = inside.slice(0, Math.max(0, inside.indexOf(failedAt)));
        set(statuses, reached, 'done');
        set(statuses, inside.slice(reached.length), 'not-reached');
        statuses[failedAt] = 'failed';
        statuses['browser-answer'] = 'failed';
        set(statuses, AFTER_BROWSER, 'not-reached');
        state.current = failedAt;
        break;
      }
      case 'verify-sent':
        statuses['verify-request'] = 'active';
        state.current = 'verify-request';
        break;
      case 'verify-accepted':
        set(statuses, AFTER_BROWSER, 'done');
        state.current = 'verify-answer';
        break;
      case 'verify-refused':
        statuses['verify-request'] = 'done';
        statuses['verify-answer'] = 'failed';
        state.current = 'verify-answer';
        break;
    }
    if (event.error) state.error = event.error;
  }
  return state;
}
