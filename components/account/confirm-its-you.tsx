'use client';

import { useState, type FormEvent, type ReactNode } from 'react';
import { format } from '@/lib/i18n/format';
import type { Messages } from '@/lib/i18n/messages';
import { reauthenticateWithPassword, reauthenticateWithPasskey } from '@/lib/sign-in/reauthenticate';
import { ApiResponseError } from '@/lib/webauthn/client/api';
import { describeCeremonyError } from '@/lib/webauthn/client/ceremony-error';
import type { PasskeySite } from '@/lib/webauthn/client/passkey-site';
import { CeremonyNotice } from '../passkeys/ceremony-notice';
import { PrimaryButton } from '../passkeys/primary-button';
import { TextField } from '../passkeys/text-field';
import { describePasswordError } from '../sign-in/password-sign-in-form';

export type ConfirmMessages = Pick<Messages, 'manage' | 'password' | 'ceremonyErrors' | 'unlisted'>;

export interface ConfirmedActions {
  /**
   * Runs `action`; when the server answers REAUTHENTICATION_REQUIRED, asks the person to confirm
   * it is them, inline, then runs it again. Resolves with the action's result, or null when the
   * person cancelled. Any other failure is thrown.
   */
  confirmed<T>(action: () => Promise<T>): Promise<T | null>;
  /** The inline "Confirm it's you" panel while one is asked for; null otherwise. */
  panel: ReactNode;
}

interface Pending {
  resume: () => void;
  cancel: () => void;
}

export function useConfirmedActions({ messages, site, hasPasskey, hasPassword }: { messages: ConfirmMessages; site: PasskeySite; hasPasskey: boolean; hasPassword: boolean }): ConfirmedActions {
  const [pending, setPending] = useState<Pending | null>(null);

  async function confirmed<T>(action: () => Promise<T>): Promise<T | null> {
    for (;;) {
      try {
        return await action();
      } catch (error) {
        if (!(error instanceof ApiResponseError && error.code === 'REAUTHENTICATION_REQUIRED')) throw error;
      }
      const confirmedNow = await new Promise<boolean>((resolve) => setPending({ resume: () => resolve(true), cancel: () => resolve(false) }));
      setPending(null);
      if (!confirmedNow) return null;
    }
  }

  const panel = pending && <ConfirmPanel messages={messages} site={site} hasPasskey={hasPasskey} hasPassword={hasPassword} pending={pending} />;
  return { confirmed, panel };
}

function ConfirmPanel({ messages, site, hasPasskey, hasPassword, pending }: { messages: ConfirmMessages; site: PasskeySite; hasPasskey: boolean; hasPassword: boolean; pending: Pending }) {
  const t = messages.manage;
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function attempt(proof: () => Promise<void>, describe: (error: unknown) => string) {
    setBusy(true);
    setProblem(null);
    try {
      await proof();
    } catch (error) {
      setProblem(format(t.confirmFailed, { message: describe(error) }));
      setBusy(false);
      return;
    }
    pending.resume();
  }

  function withPassword(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const password = String(new FormData(event.currentTarget).get('password') ?? '');
    void attempt(() => reauthenticateWithPassword(password), (error) => describePasswordError(error, messages));
  }

  return (
    <section role="dialog" aria-modal="false" aria-labelledby="confirm-heading" aria-busy={busy} className="space-y-3 rounded-xl bg-white p-4 shadow-sm ring-2 ring-brand">
      <h2 id="confirm-heading" className="font-semibold">
        {t.confirmHeading}
      </h2>
      <p className="text-sm text-slate-700">{t.confirmBody}</p>
      {hasPasskey && (
        <PrimaryButton type="button" disabled={busy} onClick={() => void attempt(reauthenticateWithPasskey, (error) => describeCeremonyError(error, messages, site).message)}>
          {t.confirmPasskey}
        </PrimaryButton>
      )}
      {hasPassword && (
        <form onSubmit={withPassword} aria-label={t.confirmPassword} className="space-y-2">
          <TextField name="password" type="password" label={messages.password.password} autoComplete="current-password" required maxLength={1024} />
          <button type="submit" disabled={busy} className="rounded-lg px-4 py-2 font-semibold text-brand ring-1 ring-brand hover:bg-surface disabled:opacity-60">
            {t.confirmPassword}
          </button>
        </form>
      )}
      <button type="button" onClick={pending.cancel} className="text-sm text-slate-600 underline">
        {t.confirmCancel}
      </button>
      <CeremonyNotice notice={problem ? { tone: 'alert', message: problem } : null} />
    </section>
  );
}
