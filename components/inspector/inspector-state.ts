/**
 * Whether the inspector is open, remembered per site in localStorage (each site is its own
 * origin, and the site id in the key keeps a host's aliases apart too). Read through
 * useSyncExternalStore: the server renders it closed, the browser then says.
 */
export type InspectorStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const CHANGED = 'atlas:inspector';

function key(siteId: string): string {
  return `atlas-inspector:${siteId}`;
}

function pageStorage(): InspectorStorage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    // Storage disabled: the toggle still works, for this page only.
    return undefined;
  }
}

export function isInspectorOpen(siteId: string, storage: InspectorStorage | undefined = pageStorage()): boolean {
  try {
    return storage?.getItem(key(siteId)) === 'open';
  } catch {
    return false;
  }
}

export function setInspectorOpen(siteId: string, open: boolean, storage: InspectorStorage | undefined = pageStorage()): void {
  try {
    if (open) storage?.setItem(key(siteId), 'open');
    else storage?.removeItem(key(siteId));
  } catch {
    // Not remembered; the change below still shows.
  }
  if (typeof window !== 'undefined') window.dispatchEvent(new Event(CHANGED));
}

/** Changes from this tab (the event above) and from other tabs of the same site (`storage`). */
export function subscribeToInspector(onChange: () => void): () => void {
  window.addEventListener(CHANGED, onChange);
  window.addEventListener('storage', onChange);
  return () => {
    window.removeEventListener(CHANGED, onChange);
    window.removeEventListener('storage', onChange);
  };
}
