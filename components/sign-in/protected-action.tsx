'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import type { Messages } from '@/lib/i18n/messages';
import { format } from '@/lib/i18n/format';
import { signInImmediately } from '@/lib/sign-in/immediate-sign-in';
import { rememberSignIn, type LastSignIn } from '@/lib/sign-in/last-sign-in';
import { shouldOfferPasskey } from '@/lib/sign-in/passkey-upgrade';
import type { DEMO_ACTIONS } from '@/lib/sites/schema';
import { ApiResponseError, postJson } from '@/lib/webauthn/client/api';
import { describeCeremonyError } from '@/lib/webauthn/client/ceremony-error';
import { immediateShape, type ImmediateShape } from '@/lib/webauthn/client/immediate-mediation';
import type { PasskeySite } from '@/lib/webauthn/client/passkey-site';
import { signInWithPasskey } from '@/lib/webauthn/client/sign-in-with-passkey';
import { CeremonyNotice } from '../passkeys/ceremony-notice';
import { PrimaryButton } from '../passkeys/primary-button';
import { PasswordSignInForm } from './password-sign-in-form';

export type ProtectedActionMessages = Pick<Messages, 'demo' | 'password' | 'signin' | 'ceremonyErrors' | 'unlisted'>;

type Phase = { kind: 'idle' } | { kind: 'working' } | { kind: 'choose' } | { kind: 'done' } | { kind: 'failed'; message: string };

/**
 * An action only a signed-in person may take. The click asks the server; if nobody is signed in,
 * it tries an immediate sign-in (the click is the user activation it needs) and completes at
 * once, or shows the sign-in choices on the spot and completes once one of them worked.
 */
export function ProtectedAction({ action, messages, site }: { action: (typeof DEMO_ACTIONS)[number]; messages: ProtectedActionMessages; site: PasskeySite }) {
  const router = useRouter();
  const t = messages.demo;
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [shape, setShape] = useState<ImmediateShape | null>(null);
  const label = action === 'redeem-points' ? t.redeem : t.addToBasket;
  const done = action === 'redeem-points' ? t.redeemed : t.added;

  useEffect(() => {
    void immediateShape().then(setShape);
  }, []);

  /** Runs the action; false when it needs a sign-in first. */
  async function perform(): Promise<boolean> {
    try {
      await postJson('/api/demo/actions', { action });
    } catch (error) {
      if (error instanceof ApiResponseError && error.code === 'NOT_SIGNED_IN') return false;
      throw error;
    }
    setPhase({ kind: 'done' });
    return true;
  }

  function fail(error: unknown) {
    setPhase({ kind: 'failed', message: format(t.failed, { message: describeCeremonyError(error, messages, site).message }) });
  }

  async function click() {
    setPhase({ kind: 'working' });
    try {
      if (await perform()) return;
      if (shape) {
        const outcome = await signInImmediately(shape, (accountHasPasskey) => shouldOfferPasskey({ accountHasPasskey }));
        if (outcome.kind === 'signed-in') return await afterSignIn(outcome.signIn);
      }
      setPhase({ kind: 'choose' });
    } catch (error) {
      // The immediate attempt failed for another reason than "nothing here": the choices still work.
      if (error instanceof DOMException) setPhase({ kind: 'choose' });
      else fail(error);
    }
  }

  async function afterSignIn(signIn: LastSignIn) {
    rememberSignIn(signIn);
    router.refresh();
    setPhase({ kind: 'working' });
    try {
      if (!(await perform())) setPhase({ kind: 'choose' });
    } catch (error) {
      fail(error);
    }
  }

  async function passkeyButton() {
    setPhase({ kind: 'working' });
    try {
      await signInWithPasskey({ autofill: false });
    } catch (error) {
      fail(error);
      return;
    }
    await afterSignIn({ method: 'passkey-button', offerPasskey: false });
  }

  return (
    <div className="space-y-3" aria-busy={phase.kind === 'working'}>
      {phase.kind !== 'choose' && (
        <PrimaryButton type="button" onClick={() => void click()} disabled={phase.kind === 'working'}>
          {label}
        </PrimaryButton>
      )}
      {phase.kind === 'done' && <CeremonyNotice notice={{ tone: 'status', message: done }} />}
      {phase.kind === 'failed' && <CeremonyNotice notice={{ tone: 'alert', message: phase.message }} />}
      {phase.kind === 'choose' && (
        <section aria-labelledby="action-sign-in-heading" className="space-y-4 rounded-xl bg-surface p-4 ring-1 ring-slate-200">
          <h3 id="action-sign-in-heading" className="font-semibold">
            {t.signInToContinue}
          </h3>
          <PrimaryButton type="button" onClick={() => void passkeyButton()}>
            {t.passkeyButton}
          </PrimaryButton>
          <p className="text-sm font-medium text-slate-700">{messages.password.heading}</p>
          <PasswordSignInForm messages={messages} onSignedIn={(signIn) => void afterSignIn(signIn)} />
          <p className="text-sm">
            <Link href="/signup" className="text-brand underline">
              {messages.password.createAccount}
            </Link>
          </p>
        </section>
      )}
    </div>
  );
}
