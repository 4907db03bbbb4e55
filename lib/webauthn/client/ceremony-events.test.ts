import { describe, expect, it, vi } from 'vitest';
import { createCeremonyEvents, type CeremonyEvent, type ReplayStorage } from './ceremony-events';

// sessionStorage does not exist in Node: a Map behind the same two methods stands in for it.
function memoryStorage(): ReplayStorage & { values: Map<string, string> } {
  const values = new Map<string, string>();
  return { values, getItem: (key) => values.get(key) ?? null, setItem: (key, value) => void values.set(key, value) };
}

function event(phase: CeremonyEvent['phase'], run = 'a', startedAt = 1): CeremonyEvent {
  return { run, startedAt, kind: 'authentication', ui: 'button', phase, relatedOrigin: null };
}

describe('the ceremony events', () => {
  it('reach every subscriber in order, and no longer once unsubscribed', () => {
    const events = createCeremonyEvents(() => undefined);
    const seen: string[] = [];
    const unsubscribe = events.subscribe((received) => seen.push(received.phase));
    events.emit(event('options-requested'));
    events.emit(event('options-received'));
    unsubscribe();
    events.emit(event('browser-called'));
    expect(seen).toEqual(['options-requested', 'options-received']);
  });

  it('keep going when a subscriber throws: the ceremony must not break', () => {
    const events = createCeremonyEvents(() => undefined);
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const after = vi.fn();
    events.subscribe(() => {
      throw new Error('listener bug');
    });
    events.subscribe(after);
    expect(() => events.emit(event('options-requested'))).not.toThrow();
    expect(after).toHaveBeenCalledOnce();
    expect(error).toHaveBeenCalledOnce();
    error.mockRestore();
  });

  it('keep the newest run for the replay, and the same array until it changes', () => {
    const events = createCeremonyEvents(() => undefined);
    expect(events.lastCeremony()).toEqual([]);
    events.emit(event('options-requested', 'a', 1));
    const first = events.lastCeremony();
    expect(events.lastCeremony()).toBe(first);
    events.emit(event('options-received', 'a', 1));
    expect(events.lastCeremony().map((e) => e.phase)).toEqual(['options-requested', 'options-received']);
    events.emit(event('options-requested', 'b', 2));
    expect(events.lastCeremony().map((e) => e.run)).toEqual(['b']);
    // A replaced run's late event (the AbortError of an autofill) does not take the replay back.
    events.emit(event('browser-refused', 'a', 1));
    expect(events.lastCeremony().map((e) => `${e.run}:${e.phase}`)).toEqual(['b:options-requested']);
  });

  it('replay the last ceremony after a full page load in the same tab, and ignore damaged storage', () => {
    const storage = memoryStorage();
    const before = createCeremonyEvents(() => storage);
    before.emit(event('verify-sent'));
    before.emit(event('verify-accepted'));
    const after = createCeremonyEvents(() => storage);
    expect(after.lastCeremony().map((e) => e.phase)).toEqual(['verify-sent', 'verify-accepted']);

    storage.values.set('atlas-last-ceremony', '{"not":"a list"');
    expect(createCeremonyEvents(() => storage).lastCeremony()).toEqual([]);
    storage.values.set('atlas-last-ceremony', '[{"run":1}]');
    expect(createCeremonyEvents(() => storage).lastCeremony()).toEqual([]);
  });

  it('still announce events when storage refuses to write', () => {
    const full: ReplayStorage = {
      getItem: () => null,
      setItem: () => {
        throw new DOMException('quota', 'QuotaExceededError');
      },
    };
    const events = createCeremonyEvents(() => full);
    const seen = vi.fn();
    events.subscribe(seen);
    events.emit(event('options-requested'));
    expect(seen).toHaveBeenCalledOnce();
    expect(events.lastCeremony()).toHaveLength(1);
  });
});
