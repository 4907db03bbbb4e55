'use client';

import { createContext, useContext, useEffect, useRef, type ReactNode } from 'react';
import { describeCeremonyError } from '@/lib/webauthn/client/ceremony-error';
import type { PasskeySite } from '@/lib/webauthn/client/passkey-site';
import { useConfirmedActions, type ConfirmedActions, type ConfirmMessages } from './confirm-its-you';

/** What the account page's controls share: who the account is for the Signal API, and confirmed(). */
export interface AccountActions extends Pick<ConfirmedActions, 'confirmed'> {
  site: PasskeySite;
  userHandle: string;
  /** A failed change in the page's language (the server's codes mapped to the catalogue). */
  describe: (error: unknown) => string;
}

const AccountActionsContext = createContext<AccountActions | null>(null);

export function useAccountActions(): AccountActions {
  const actions = useContext(AccountActionsContext);
  if (!actions) throw new Error('useAccountActions() outside <AccountActionsProvider>');
  return actions;
}

/** The same, or null outside the account page (where a fresh sign-in has just confirmed the person). */
export function useOptionalAccountActions(): AccountActions | null {
  return useContext(AccountActionsContext);
}

/**
 * Wraps the account page: any control inside may run a change through confirmed(), and the one
 * "Confirm it's you" panel appears at the top, scrolled to, while a confirmation is asked for.
 */
export function AccountActionsProvider({
  messages,
  site,
  userHandle,
  hasPasskey,
  hasPassword,
  children,
}: {
  messages: ConfirmMessages;
  site: PasskeySite;
  userHandle: string;
  hasPasskey: boolean;
  hasPassword: boolean;
  children: ReactNode;
}) {
  const { confirmed, panel } = useConfirmedActions({ messages, site, hasPasskey, hasPassword });
  const panelRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (panel) panelRef.current?.scrollIntoView({ block: 'center' });
  }, [panel]);
  return (
    <AccountActionsContext value={{ confirmed, site, userHandle, describe: (error) => describeCeremonyError(error, messages, site).message }}>
      <div ref={panelRef}>{panel}</div>
      {children}
    </AccountActionsContext>
  );
}
