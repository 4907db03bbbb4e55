import type { CeremonyKind, CeremonyUi } from '@/lib/ceremony-log/entry';
import { ApiResponseError } from './api';
import { ceremonyEvents, type CeremonyEvents, type CeremonyPhase } from './ceremony-events';
import { withinRpId } from './passkey-site';

/** A browser-side refusal as the report endpoint takes it. */
export interface BrowserProblem {
  name: string;
  message: string;
}

export type ReportBrowserProblem = (kind: CeremonyKind, ui: CeremonyUi, problem: BrowserProblem) => Promise<void>;

/** What a trace talks to; the defaults are the page's own. */
export interface TraceEnvironment {
  events: Pick<CeremonyEvents, 'emit'>;
  /** This page's host, to tell a related origin from the RP ID's own domain. */
  hostname: string;
  report: ReportBrowserProblem;
}

/** Wraps each step of one ceremony so that it is announced as it happens (the live diagram). */
export interface CeremonyTrace {
  /** The options request; `rpIdOf` reads the RP ID the server named in its answer. */
  options<T>(request: () => Promise<T>, rpIdOf: (answer: T) => string | undefined): Promise<T>;
  /** navigator.credentials.create() / get(): a refusal is also reported to the ceremony log, which never sees it otherwise. */
  browser<T>(call: () => Promise<T>): Promise<T>;
  verify<T>(request: () => Promise<T>): Promise<T>;
}

const REPORTABLE_NAME = /^[A-Za-z]{1,64}$/;
const MAX_MESSAGE = 500;

function nameOf(error: unknown): string {
  if (error instanceof ApiResponseError) return error.code;
  return typeof error === 'object' && error !== null && 'name' in error && typeof error.name === 'string' ? error.name : 'Error';
}

/**
 * The browser's own words: SimpleWebAuthn's WebAuthnError keeps the DOMException's name but
 * rewrites its message, and keeps the original as `cause` (the browser's text names, for
 * instance, the failed /.well-known/webauthn check).
 */
export function browserProblem(error: unknown): BrowserProblem {
  const cause = error instanceof Error ? error.cause : undefined;
  const source = cause instanceof Error || cause instanceof DOMException ? cause : error;
  const message = source instanceof Error || source instanceof DOMException ? source.message : String(source);
  return { name: nameOf(error), message: message.slice(0, MAX_MESSAGE) };
}

/**
 * Only the page aborts a ceremony here (SimpleWebAuthn cancels a pending autofill or conditional
 * create when the next ceremony starts, and the sign-in page cancels its autofill when left): a
 * person who cancels gets NotAllowedError. So an AbortError says nothing about the ceremony.
 */
export function isReportable(problem: BrowserProblem): boolean {
  return problem.name !== 'AbortError' && REPORTABLE_NAME.test(problem.name);
}

/**
 * Best effort: a report that fails is dropped, and never changes what the person sees. Sent with
 * `keepalive`, so leaving the page right after the refusal does not cancel it.
 */
export const reportBrowserProblem: ReportBrowserProblem = async (kind, ui, problem) => {
  try {
    await fetch('/api/ceremony-log/report', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind, ui, name: problem.name, message: problem.message }),
      keepalive: true,
    });
  } catch {
    // The ceremony's own error is what the person needs; the log can miss this one.
  }
};

function pageEnvironment(): TraceEnvironment {
  return { events: ceremonyEvents, hostname: globalThis.location?.hostname ?? '', report: reportBrowserProblem };
}

export function traceCeremony(kind: CeremonyKind, ui: CeremonyUi, environment: TraceEnvironment = pageEnvironment()): CeremonyTrace {
  const run = crypto.randomUUID();
  const startedAt = Date.now();
  let rpId: string | undefined;

  function emit(phase: CeremonyPhase, error?: string): void {
    const relatedOrigin = rpId === undefined ? null : !withinRpId(environment.hostname, rpId);
    environment.events.emit({ run, startedAt, kind, ui, phase, relatedOrigin, ...(rpId && { rpId }), ...(error && { error }) });
  }

  async function step<T>(before: CeremonyPhase, after: CeremonyPhase, refused: CeremonyPhase, work: () => Promise<T>, onAnswer?: (answer: T) => void, onRefusal?: (error: unknown) => void): Promise<T> {
    emit(before);
    let answer: T;
    try {
      answer = await work();
    } catch (error) {
      emit(refused, nameOf(error));
      onRefusal?.(error);
      throw error;
    }
    onAnswer?.(answer);
    emit(after);
    return answer;
  }

  return {
    options: (request, rpIdOf) =>
      step('options-requested', 'options-received', 'options-refused', request, (answer) => {
        rpId = rpIdOf(answer);
      }),
    browser: (call) =>
      step('browser-called', 'browser-answered', 'browser-refused', call, undefined, (error) => {
        const problem = browserProblem(error);
        if (isReportable(problem)) void environment.report(kind, ui, problem);
      }),
    verify: (request) => step('verify-sent', 'verify-accepted', 'verify-refused', request),
  };
}
