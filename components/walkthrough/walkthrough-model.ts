import { WALKTHROUGH_STEPS, type WalkthroughStepId, type WalkthroughStepProgress } from '@/lib/walkthrough/steps';

/**
 * What a step shows: `done` only when the server's progress (read from the ceremony log) says
 * so; `next` for the step to do now; `unknown` while the progress has not been read.
 */
export type StepState = 'unknown' | 'done' | 'next' | 'todo';

export interface StepView {
  state: StepState;
  doneAt?: string;
}

/**
 * Each step's state from the server's answer; a step the answer does not mention is not done.
 * The next step is the first one not done after the last one done (a workshop on a deployed site
 * cannot list the outlet, and steps after it must still be offered), else the first not done.
 */
export function stepViews(progress: readonly WalkthroughStepProgress[] | null): Record<WalkthroughStepId, StepView> {
  const byId = new Map((progress ?? []).map((step) => [step.id, step]));
  const done = WALKTHROUGH_STEPS.map((step) => byId.get(step.id)?.done === true);
  const lastDone = done.lastIndexOf(true);
  const after = done.findIndex((isDone, index) => !isDone && index > lastDone);
  const next = after !== -1 ? after : done.indexOf(false);
  return Object.fromEntries(
    WALKTHROUGH_STEPS.map((step, index): [WalkthroughStepId, StepView] => {
      if (progress === null) return [step.id, { state: 'unknown' }];
      if (done[index]) {
        const doneAt = byId.get(step.id)?.doneAt;
        return [step.id, { state: 'done', ...(doneAt && { doneAt }) }];
      }
      return [step.id, { state: index === next ? 'next' : 'todo' }];
    }),
  ) as Record<WalkthroughStepId, StepView>;
}

/** How many steps are done, out of all of them. */
export function doneCount(views: Record<WalkthroughStepId, StepView>): { done: number; total: number } {
  const all = Object.values(views);
  return { done: all.filter((view) => view.state === 'done').length, total: all.length };
}

/**
 * The handoff token a walkthrough link brought (`?join=`), and the address to show instead: the
 * same one without it, so the token is neither bookmarked, shared nor sent on as a referrer.
 */
export function joinToken(href: string): { token: string | null; cleaned: string } {
  const url = new URL(href);
  const token = url.searchParams.get('join');
  url.searchParams.delete('join');
  return { token: token || null, cleaned: `${url.pathname}${url.search}${url.hash}` };
}
