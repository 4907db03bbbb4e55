'use client';

import Link from 'next/link';
import { useEffect, useState, type MouseEvent } from 'react';
import { format } from '@/lib/i18n/format';
import type { Language } from '@/lib/i18n/languages';
import type { Messages } from '@/lib/i18n/messages';
import type { WalkthroughStepId, WalkthroughStepProgress } from '@/lib/walkthrough/steps';
import { postJson } from '@/lib/webauthn/client/api';
import { onCeremonyEvent, type CeremonyPhase } from '@/lib/webauthn/client/ceremony-events';
import { doneCount, joinToken, stepViews, type StepState } from './walkthrough-model';

/** The walkthrough's words this component shows itself; the steps' own words come already written (WalkthroughStep). */
export type WalkthroughMessages = Pick<
  Messages['walkthrough'],
  | 'stepsLabel' | 'progress' | 'checking' | 'progressFailed' | 'done' | 'next' | 'notDone' | 'onSite' | 'anySite'
  | 'whatToDo' | 'whatYouSee' | 'why' | 'continueOn' | 'handoffFailed' | 'joinFailed' | 'startOver' | 'startOverConfirm'
  | 'startOverYes' | 'cancel' | 'startOverFailed'
>;

/** One step as the page renders it: its words already in the page's language, with this family's hostnames. */
export interface WalkthroughStep {
  id: WalkthroughStepId;
  title: string;
  doText: string;
  see: string;
  why: string;
  note?: string;
  /** Where the step happens: null when any site will do. */
  site: { id: string; name: string; host: string } | null;
  /** The step happens on this site (or on any): the page links straight to it. */
  here: boolean;
  action: { href: string; label: string };
}

const ENDING_PHASES: ReadonlySet<CeremonyPhase> = new Set(['browser-refused', 'verify-accepted', 'verify-refused']);

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

let joining: Promise<boolean> | undefined;

/**
 * Joins this site's binding to the trail the link came from, once per page load (React runs
 * effects twice in development; a token is single use): the token leaves the address before it
 * is sent. Resolves false when the server refused it.
 */
function joinFromAddress(): Promise<boolean> {
  if (!joining) {
    const { token, cleaned } = joinToken(window.location.href);
    if (token) window.history.replaceState(window.history.state, '', cleaned);
    joining = token
      ? postJson('/api/walkthrough/join', { token }).then(
          () => true,
          () => false,
        )
      : Promise.resolve(true);
  }
  return joining;
}

const BADGE: Record<Exclude<StepState, 'unknown'>, string> = {
  done: 'bg-emerald-50 text-emerald-900 ring-emerald-700',
  next: 'bg-surface text-brand ring-brand',
  todo: 'bg-white text-slate-700 ring-slate-300',
};

/**
 * The numbered steps with their progress, which only the server decides (from this browser's
 * ceremony log across the sites it joined). Read on arrival, whenever the page is shown or
 * focused again (after a step done in another tab or on another site), and after a ceremony on
 * this page; never on a timer.
 */
export function WalkthroughSteps({ steps, t, language }: { steps: WalkthroughStep[]; t: WalkthroughMessages; language: Language }) {
  const [progress, setProgress] = useState<WalkthroughStepProgress[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [joinFailed, setJoinFailed] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let stopped = false;
    let latest = 0;

    async function load() {
      const mine = ++latest;
      try {
        const { steps: answer } = await postJson<{ steps: WalkthroughStepProgress[] }>('/api/walkthrough/progress', {});
        if (stopped || mine !== latest) return;
        setProgress(answer);
        setProblem(null);
      } catch (error) {
        if (!stopped && mine === latest) setProblem(format(t.progressFailed, { message: messageOf(error) }));
      }
    }

    void joinFromAddress().then((joined) => {
      if (stopped) return;
      if (!joined) setJoinFailed(true);
      void load();
    });
    const whenShown = () => {
      if (document.visibilityState === 'visible') void load();
    };
    document.addEventListener('visibilitychange', whenShown);
    window.addEventListener('focus', whenShown);
    const unsubscribe = onCeremonyEvent((event) => {
      if (ENDING_PHASES.has(event.phase)) void load();
    });
    return () => {
      stopped = true;
      document.removeEventListener('visibilitychange', whenShown);
      window.removeEventListener('focus', whenShown);
      unsubscribe();
    };
  }, [t]);

  async function handOff(event: MouseEvent<HTMLAnchorElement>, siteId: string) {
    // A new tab or window was asked for: that is a plain link's job (it opens without the trail).
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    setProblem(null);
    try {
      const { url } = await postJson<{ url: string }>('/api/walkthrough/handoff', { site: siteId });
      window.location.assign(url);
    } catch (error) {
      setProblem(format(t.handoffFailed, { message: messageOf(error) }));
    }
  }

  async function startOver() {
    setBusy(true);
    setProblem(null);
    try {
      await postJson('/api/walkthrough/start-over', {});
    } catch (error) {
      setProblem(format(t.startOverFailed, { message: messageOf(error) }));
      setBusy(false);
      return;
    }
    // Every page must forget the sessions that just ended: the header, the account page.
    window.location.reload();
  }

  const views = stepViews(progress);
  const count = doneCount(views);
  const time = new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'short' });

  return (
    <div className="space-y-6">
      {joinFailed && (
        <p role="alert" className="rounded-lg border border-red-300 bg-red-50 p-3 text-sm text-red-900">
          {t.joinFailed}
        </p>
      )}
      {problem && (
        <p role="alert" className="rounded-lg border border-red-300 bg-red-50 p-3 text-sm text-red-900">
          {problem}
        </p>
      )}
      <p className="text-sm font-medium" aria-live="polite" aria-busy={progress === null}>
        {progress === null ? t.checking : format(t.progress, count)}
      </p>
      <ol aria-label={t.stepsLabel} className="space-y-4">
        {steps.map((step, index) => {
          const view = views[step.id];
          return (
            <li key={step.id} id={`step-${step.id}`} aria-labelledby={`step-${step.id}-title`} data-step={step.id} data-state={view.state} className="break-inside-avoid rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 data-[state=next]:ring-2 data-[state=next]:ring-brand print:shadow-none">
              <div className="flex items-start gap-3">
                <span aria-hidden="true" className="flex h-8 w-8 shrink-0 items-center justify-center rounded-full bg-brand font-bold text-on-brand print:bg-white print:text-black print:ring-1 print:ring-black">
                  {index + 1}
                </span>
                <div className="min-w-0 flex-1 space-y-3">
                  <div className="flex flex-wrap items-start justify-between gap-2">
                    <h2 id={`step-${step.id}-title`} className="text-lg font-semibold">
                      <span className="sr-only">{index + 1}. </span>
                      {step.title}
                    </h2>
                    {view.state !== 'unknown' && (
                      <p className={`shrink-0 rounded-full px-2 py-0.5 text-sm font-semibold ring-1 ${BADGE[view.state]}`}>
                        <span data-badge={view.state}>{view.state === 'done' ? t.done : view.state === 'next' ? t.next : t.notDone}</span>
                        {view.doneAt && (
                          <time dateTime={view.doneAt} className="ml-1 font-normal">
                            {time.format(new Date(view.doneAt))}
                          </time>
                        )}
                      </p>
                    )}
                  </div>
                  <p className="text-sm text-slate-600">{step.site ? format(t.onSite, { site: step.site.name, host: step.site.host }) : t.anySite}</p>
                  <dl className="space-y-2 text-sm">
                    <div>
                      <dt className="font-semibold">{t.whatToDo}</dt>
                      <dd className="text-slate-800">{step.doText}</dd>
                    </div>
                    <div>
                      <dt className="font-semibold">{t.whatYouSee}</dt>
                      <dd className="text-slate-800">{step.see}</dd>
                    </div>
                    <div>
                      <dt className="font-semibold">{t.why}</dt>
                      <dd className="text-slate-800">{step.why}</dd>
                    </div>
                  </dl>
                  {step.note && <p className="rounded-lg bg-surface p-2 text-sm text-slate-800 print:bg-white">{step.note}</p>}
                  <p className="print:hidden">
                    {step.here || !step.site ? (
                      <Link href={step.action.href} className="font-medium text-brand underline">
                        {step.action.label}
                      </Link>
                    ) : (
                      <a href={`https://${step.site.host}/walkthrough`} onClick={(event) => void handOff(event, step.site?.id ?? '')} className="font-medium text-brand underline">
                        {format(t.continueOn, { host: step.site.host })}
                      </a>
                    )}
                  </p>
                </div>
              </div>
            </li>
          );
        })}
      </ol>
      <section aria-label={t.startOver} className="space-y-2 print:hidden">
        {confirming ? (
          <div role="group" aria-label={t.startOver} className="space-y-3 rounded-xl bg-white p-4 ring-2 ring-red-700">
            <p className="text-sm">{t.startOverConfirm}</p>
            <div className="flex flex-wrap gap-2">
              <button type="button" disabled={busy} onClick={() => void startOver()} className="rounded-lg bg-red-700 px-4 py-2 font-semibold text-white disabled:opacity-60">
                {t.startOverYes}
              </button>
              <button type="button" disabled={busy} onClick={() => setConfirming(false)} className="rounded-lg px-4 py-2 font-medium ring-1 ring-slate-300 hover:bg-surface">
                {t.cancel}
              </button>
            </div>
          </div>
        ) : (
          <button type="button" onClick={() => setConfirming(true)} className="rounded-lg px-4 py-2 font-medium text-red-800 ring-1 ring-red-700 hover:bg-red-50">
            {t.startOver}
          </button>
        )}
      </section>
    </div>
  );
}
