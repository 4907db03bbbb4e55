import { useEffect, useRef, useState } from 'react';
import type { CeremonyLogEntry } from '@/lib/ceremony-log/entry';
import { postJson } from '@/lib/webauthn/client/api';
import { onCeremonyEvent, type CeremonyPhase } from '@/lib/webauthn/client/ceremony-events';

export type CeremonyLogState = { kind: 'loading' } | { kind: 'ready'; entries: CeremonyLogEntry[] } | { kind: 'failed'; message: string };

/** The events after which the log holds something new: an options answer, and every way a ceremony ends. */
const LOGGED_PHASES: ReadonlySet<CeremonyPhase> = new Set(['options-received', 'options-refused', 'browser-refused', 'verify-accepted', 'verify-refused']);

/**
 * The server writes a log entry after it has answered (Next's after()), and a browser refusal is
 * reported while the page already shows it: right after the event the entry may not be there
 * yet. So after an event the list is read again a few times, then no more. Every time, not only
 * until something new appears: the options entry landing first would otherwise end the reads
 * before the refusal's or the verify's entry arrives.
 */
const RETRY_AFTER_MS = [300, 1_000, 3_000];

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** This browser's ceremony log, newest first, read on mount, after each ceremony event and on demand. */
export function useCeremonyLog(): { state: CeremonyLogState; refresh: () => void } {
  const [state, setState] = useState<CeremonyLogState>({ kind: 'loading' });
  const refresh = useRef<() => void>(() => undefined);

  useEffect(() => {
    let generation = 0;
    let stopped = false;
    // A newer read supersedes an older one still waiting.
    const current = (mine: number) => !stopped && mine === generation;

    async function load(readAgain: boolean): Promise<void> {
      const mine = ++generation;
      for (const retryAfter of [...RETRY_AFTER_MS, undefined]) {
        let entries: CeremonyLogEntry[];
        try {
          ({ entries } = await postJson<{ entries: CeremonyLogEntry[] }>('/api/ceremony-log/list', {}));
        } catch (error) {
          if (current(mine)) setState({ kind: 'failed', message: messageOf(error) });
          return;
        }
        if (!current(mine)) return;
        setState({ kind: 'ready', entries });
        if (!readAgain || retryAfter === undefined) return;
        await new Promise((resolve) => setTimeout(resolve, retryAfter));
        if (!current(mine)) return;
      }
    }

    refresh.current = () => void load(false);
    void load(false);
    const unsubscribe = onCeremonyEvent((event) => {
      if (LOGGED_PHASES.has(event.phase)) void load(true);
    });
    return () => {
      stopped = true;
      unsubscribe();
    };
  }, []);

  return { state, refresh: () => refresh.current() };
}
