'use client';

import { useEffect, useState } from 'react';
import type { Messages } from '@/lib/i18n/messages';
import { NOTICE_EVENT, takeFallback, takeLastSignIn, type Fallback, type LastSignIn, type SignInMethod } from '@/lib/sign-in/last-sign-in';
import type { PasskeySite } from '@/lib/webauthn/client/passkey-site';
import { PasskeyOffer, type PasskeyOfferMessages } from './passkey-offer';

export type SignInNoticeMessages = Pick<Messages, 'signedIn'> & PasskeyOfferMessages;

const METHOD_MESSAGE: Record<SignInMethod, keyof Messages['signedIn']> = {
  'immediate-passkey': 'immediatePasskey',
  'immediate-password': 'immediatePassword',
  autofill: 'autofill',
  'passkey-button': 'passkeyButton',
  'password-form': 'passwordForm',
  'password-sign-up': 'passwordSignUp',
};

const FALLBACK_MESSAGE: Record<Fallback, keyof Messages['signedIn']> = {
  'nothing-here': 'fallbackNothingHere',
  'immediate-failed': 'fallbackFailed',
};

/**
 * Under the header of every page: how the last sign-in in this tab happened, or why the sign-in
 * page was opened instead, once and dismissible; after a password, the passkey offer.
 */
export function SignInNotice({ messages, site }: { messages: SignInNoticeMessages; site: PasskeySite }) {
  const t = messages.signedIn;
  const [signIn, setSignIn] = useState<LastSignIn | null>(null);
  const [fallback, setFallback] = useState<Fallback | null>(null);
  const [offerOpen, setOfferOpen] = useState(true);

  // sessionStorage is read after hydration (the server cannot know it), and again whenever a
  // sign-in or a fallback on this very page records itself.
  useEffect(() => {
    const read = () => {
      const last = takeLastSignIn();
      const reason = takeFallback();
      if (last) {
        setSignIn(last);
        setFallback(null);
        setOfferOpen(true);
      } else if (reason) {
        setSignIn(null);
        setFallback(reason);
      }
    };
    void Promise.resolve().then(read);
    window.addEventListener(NOTICE_EVENT, read);
    return () => window.removeEventListener(NOTICE_EVENT, read);
  }, []);

  const message = signIn ? t[METHOD_MESSAGE[signIn.method]] : fallback ? t[FALLBACK_MESSAGE[fallback]] : null;
  if (!message) return null;
  return (
    <div className="mx-auto max-w-3xl space-y-3 px-4 pt-4">
      <div role="status" className="flex items-start justify-between gap-3 rounded-lg border border-slate-300 bg-white p-3 text-sm text-slate-800">
        <p>{message}</p>
        <button
          type="button"
          onClick={() => {
            setSignIn(null);
            setFallback(null);
          }}
          className="shrink-0 rounded-md px-2 text-slate-600 underline"
        >
          {t.dismiss}
        </button>
      </div>
      {signIn && (signIn.offerPasskey || signIn.offerDevicePasskey) && offerOpen && (
        <PasskeyOffer kind={signIn.offerPasskey ? 'first-passkey' : 'this-device'} messages={messages} site={site} onDone={() => setOfferOpen(false)} />
      )}
    </div>
  );
}
