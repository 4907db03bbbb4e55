'use client';

import dynamic from 'next/dynamic';
import { useRef, useState, useSyncExternalStore } from 'react';
import type { Language } from '@/lib/i18n/languages';
import { isInspectorOpen, setInspectorOpen, subscribeToInspector } from './inspector-state';

// Its own chunk, fetched the first time the panel opens: pages keep their JavaScript size.
const InspectorPanel = dynamic(() => import('./inspector-panel'), { ssr: false });

const PANEL_ID = 'ceremony-inspector';

export interface InspectorToggleProps {
  siteId: string;
  language: Language;
  rpId: string;
  relatedOrigin: boolean;
  label: string;
}

/** The footer's `Inspector` button; open or closed is remembered per site. */
export function InspectorToggle({ siteId, language, rpId, relatedOrigin, label }: InspectorToggleProps) {
  const open = useSyncExternalStore(subscribeToInspector, () => isInspectorOpen(siteId), () => false);
  // Focus moves into the panel only when the person opened it, not when a page loads it remembered open.
  const [openedHere, setOpenedHere] = useState(false);
  const button = useRef<HTMLButtonElement>(null);

  function toggle() {
    setOpenedHere(!open);
    setInspectorOpen(siteId, !open);
  }

  function close() {
    setInspectorOpen(siteId, false);
    button.current?.focus();
  }

  return (
    <>
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={open ? PANEL_ID : undefined}
        onClick={toggle}
        className="rounded-md px-2 py-1 font-medium text-brand ring-1 ring-brand hover:bg-surface aria-expanded:bg-brand aria-expanded:text-on-brand focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand print:hidden"
      >
        {label}
      </button>
      {open && <InspectorPanel id={PANEL_ID} language={language} rpId={rpId} relatedOrigin={relatedOrigin} takeFocus={openedHere} onClose={close} />}
    </>
  );
}
