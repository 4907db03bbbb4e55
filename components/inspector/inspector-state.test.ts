import { describe, expect, it } from 'vitest';
import { isInspectorOpen, setInspectorOpen, type InspectorStorage } from './inspector-state';

// localStorage does not exist in Node: a Map behind the same methods stands in for one origin's storage.
function memoryStorage(): InspectorStorage {
  const values = new Map<string, string>();
  return { getItem: (key) => values.get(key) ?? null, setItem: (key, value) => void values.set(key, value), removeItem: (key) => void values.delete(key) };
}

describe('the inspector toggle\'s memory', () => {
  it('is closed until opened, and remembers each site on its own', () => {
    const storage = memoryStorage();
    expect(isInspectorOpen('uk', storage)).toBe(false);
    setInspectorOpen('uk', true, storage);
    expect(isInspectorOpen('uk', storage)).toBe(true);
    expect(isInspectorOpen('jp', storage)).toBe(false);
    setInspectorOpen('uk', false, storage);
    expect(isInspectorOpen('uk', storage)).toBe(false);
  });

  it('reads as closed where storage is missing or throws', () => {
    const broken: InspectorStorage = {
      getItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
      setItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
      removeItem: () => undefined,
    };
    expect(isInspectorOpen('uk', undefined)).toBe(false);
    expect(isInspectorOpen('uk', broken)).toBe(false);
    expect(() => setInspectorOpen('uk', true, broken)).not.toThrow();
  });
});
