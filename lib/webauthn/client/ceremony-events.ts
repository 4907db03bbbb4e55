import type { CeremonyKind, CeremonyUi } from '@/lib/ceremony-log/entry';

/**
 * What the page itself saw of a ceremony, in order. The browser's own work between
 * `browser-called` and its answer (the related-origins fetch, the authenticator) is invisible
 * to the page, so it has no phase here.
 */
export type CeremonyPhase =
  | 'options-requested'
  | 'options-received'
  | 'options-refused'
  | 'browser-called'
  | 'browser-answered'
  | 'browser-refused'
  | 'verify-sent'
  | 'verify-accepted'
  | 'verify-refused';

export interface CeremonyEvent {
  /** One id per ceremony run, so the late events of a replaced run (an aborted autofill) can be told apart. */
  run: string;
  /** When the run started (ms since the epoch): the newest run is the one the diagram shows. */
  startedAt: number;
  kind: CeremonyKind;
  ui: CeremonyUi;
  phase: CeremonyPhase;
  /**
   * Whether this page's host is outside the RP ID's domain, so the browser checks the RP ID's
   * /.well-known/webauthn before it agrees; null until the options have named the RP ID.
   */
  relatedOrigin: boolean | null;
  rpId?: string;
  /** The DOMException name (browser-refused) or the API's error code (options- and verify-refused). */
  error?: string;
}

export type CeremonyListener = (event: CeremonyEvent) => void;

/** The parts of sessionStorage the replay needs. */
export type ReplayStorage = Pick<Storage, 'getItem' | 'setItem'>;

const REPLAY_KEY = 'atlas-last-ceremony';
const NONE: readonly CeremonyEvent[] = Object.freeze([]);

function isEvent(value: unknown): value is CeremonyEvent {
  if (typeof value !== 'object' || value === null) return false;
  const event = value as Partial<CeremonyEvent>;
  return typeof event.run === 'string' && typeof event.startedAt === 'number' && typeof event.phase === 'string' && typeof event.kind === 'string';
}

export interface CeremonyEvents {
  emit(event: CeremonyEvent): void;
  /** Calls `listener` for every event from now on; returns the unsubscribe function. */
  subscribe(listener: CeremonyListener): () => void;
  /**
   * The newest run's events, oldest first. The same array until an event changes it (what
   * useSyncExternalStore needs). It survives a full page load in this tab, so the page a
   * ceremony navigates to (the account page) can still show how the ceremony went.
   */
  lastCeremony(): readonly CeremonyEvent[];
}

/** One emitter: the app has a single one (below); tests make their own with a storage of their own. */
export function createCeremonyEvents(storage: () => ReplayStorage | undefined): CeremonyEvents {
  const listeners = new Set<CeremonyListener>();
  let last: readonly CeremonyEvent[] | undefined;

  function restore(): readonly CeremonyEvent[] {
    try {
      const stored: unknown = JSON.parse(storage()?.getItem(REPLAY_KEY) ?? 'null');
      return Array.isArray(stored) && stored.every(isEvent) ? Object.freeze(stored) : NONE;
    } catch {
      return NONE;
    }
  }

  function lastCeremony(): readonly CeremonyEvent[] {
    last ??= restore();
    return last;
  }

  function remember(event: CeremonyEvent): void {
    const current = lastCeremony();
    const first = current[0];
    if (first && first.run !== event.run && first.startedAt > event.startedAt) return;
    last = Object.freeze(first?.run === event.run ? [...current, event] : [event]);
    try {
      storage()?.setItem(REPLAY_KEY, JSON.stringify(last));
    } catch {
      // Storage full or disabled: the replay is a convenience, the live events still flow.
    }
  }

  return {
    emit(event) {
      remember(event);
      for (const listener of listeners) {
        // A listener's bug must never break the ceremony that is reporting to it.
        try {
          listener(event);
        } catch (error) {
          console.error('A ceremony event listener failed', error);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    lastCeremony,
  };
}

function browserStorage(): ReplayStorage | undefined {
  try {
    return typeof sessionStorage === 'undefined' ? undefined : sessionStorage;
  } catch {
    // Some browsers throw on the very access when storage is disabled.
    return undefined;
  }
}

export const ceremonyEvents = createCeremonyEvents(browserStorage);

export const onCeremonyEvent = ceremonyEvents.subscribe;
