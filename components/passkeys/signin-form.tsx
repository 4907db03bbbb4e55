'use client';

import { WebAuthnAbortService } from '@simplewebauthn/browser';
import { useEffect, useEffectEvent, useRef, useState, type FormEvent } from 'react';
import type { Messages } from '@/lib/i18n/messages';
import { rememberSignIn } from '@/lib/sign-in/last-sign-in';
import { shouldOfferDevicePasskey } from '@/lib/sign-in/passkey-upgrade';
import { describeCeremonyError } from '@/lib/webauthn/client/ceremony-error';
import type { PasskeySite } from '@/lib/webauthn/client/passkey-site';
import { signInWithPasskey } from '@/lib/webauthn/client/sign-in-with-passkey';
import { useCeremony, type CeremonyOutcome } from '@/lib/webauthn/client/use-ceremony';
import { useWebAuthnSupport } from '@/lib/webauthn/client/use-webauthn-support';
import { CeremonyNotice } from './ceremony-notice';
import { PrimaryButton } from './primary-button';
import { SupportGate } from './support-gate';
import { TextField } from './text-field';

export type SignInMessages = Pick<Messages, 'signin' | 'passkeys' | 'ceremonyErrors' | 'unlisted'>;

/** Records how the sign-in happened for the notice on the next page, then goes to the account. */
function signedIn(method: 'autofill' | 'passkey-button', attachment?: string): CeremonyOutcome {
  rememberSignIn({ method, offerPasskey: false, offerDevicePasskey: shouldOfferDevicePasskey({ attachment }) }, { followedByLoad: true });
  return { navigateTo: '/account' };
}

/**
 * Sign-in: passkeys offered in the username field's autofill (conditional UI) where the browser
 * can, and a button for the browser's own passkey prompt. Both use discoverable credentials, so
 * the username is never sent.
 */
export function SignInForm({ messages, site }: { messages: SignInMessages; site: PasskeySite }) {
  const t = messages.signin;
  const support = useWebAuthnSupport();
  const describe = (error: unknown) => describeCeremonyError(error, messages, site);
  const { pending, notice, run, succeed, show } = useCeremony(describe);
  const autofillAttempt = useRef<AbortController | null>(null);
  // Bumped after a failed prompt: the prompt aborted the autofill request, so offer it again.
  const [autofillRound, setAutofillRound] = useState(0);
  // Not on an unlisted site: the browser refuses there, and that refusal is explained when the
  // person asks (the button), not announced as an alert on arrival.
  const autofill = support?.conditionalGet === true && site.listed;

  const autofillSucceeded = useEffectEvent(({ attachment }: { attachment?: string }) => succeed(signedIn('autofill', attachment)));
  const autofillFailed = useEffectEvent((error: unknown) => {
    const problem = describe(error);
    // Includes the abort SimpleWebAuthn sends the autofill request when the prompt starts.
    if (problem.kind !== 'cancelled') show(problem);
  });

  useEffect(() => {
    if (!autofill) return;
    const controller = new AbortController();
    autofillAttempt.current = controller;
    signInWithPasskey({ autofill: true, signal: controller.signal }).then(autofillSucceeded, autofillFailed);
    return () => {
      controller.abort();
      // Leaving the page: withdraw the passkey suggestions too.
      WebAuthnAbortService.cancelCeremony();
    };
  }, [autofill, autofillRound]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // Still fetching options, the autofill attempt would abort this prompt once it asked the browser.
    autofillAttempt.current?.abort();
    void run(async () => {
      const { attachment } = await signInWithPasskey({ autofill: false });
      return signedIn('passkey-button', attachment);
    }).then((problem) => {
      if (problem) setAutofillRound((round) => round + 1);
    });
  }

  return (
    <SupportGate support={support} messages={messages.passkeys} site={site}>
      <form onSubmit={submit} aria-busy={pending} aria-label={t.submit} className="space-y-4">
        <TextField
          name="username"
          label={t.username}
          hint={t.usernameHint}
          autoComplete="username webauthn"
          autoCapitalize="none"
          spellCheck={false}
        />
        <PrimaryButton type="submit" disabled={pending}>
          {t.submit}
        </PrimaryButton>
        <CeremonyNotice notice={notice} />
      </form>
    </SupportGate>
  );
}
