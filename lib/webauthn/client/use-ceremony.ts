import { useState } from 'react';
import type { CeremonyProblem, Notice } from './ceremony-error';

/** How a ceremony that worked ends: a notice on this page, or a full load of another one. */
export type CeremonyOutcome = { notice: Notice } | { navigateTo: string };

export interface CeremonyState {
  pending: boolean;
  notice: Notice | null;
  /** Runs one ceremony; resolves to the problem it ran into, or null when it worked. */
  run: (ceremony: () => Promise<CeremonyOutcome>) => Promise<CeremonyProblem | null>;
  /** Ends a ceremony started elsewhere (conditional UI) that worked. */
  succeed: (outcome: CeremonyOutcome) => void;
  /** Shows a problem from a ceremony started elsewhere. */
  show: (problem: CeremonyProblem) => void;
}

/** Pending state and the message to show for the ceremonies of one form. */
export function useCeremony(describe: (error: unknown) => CeremonyProblem): CeremonyState {
  const [pending, setPending] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);

  function succeed(outcome: CeremonyOutcome): void {
    if ('navigateTo' in outcome) {
      // A full load, so server components read the session cookie the verify answer just set.
      // Pending stays on: the form must not be used again while the next page loads.
      setPending(true);
      window.location.assign(outcome.navigateTo);
      return;
    }
    setPending(false);
    setNotice(outcome.notice);
  }

  function show(problem: CeremonyProblem): void {
    setPending(false);
    setNotice(problem);
  }

  async function run(ceremony: () => Promise<CeremonyOutcome>): Promise<CeremonyProblem | null> {
    setPending(true);
    setNotice(null);
    try {
      succeed(await ceremony());
      return null;
    } catch (error) {
      const problem = describe(error);
      show(problem);
      return problem;
    }
  }

  return { pending, notice, run, succeed, show };
}
