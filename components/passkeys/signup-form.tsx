'use client';

import type { FormEvent } from 'react';
import type { Messages } from '@/lib/i18n/messages';
import { describeCeremonyError } from '@/lib/webauthn/client/ceremony-error';
import type { PasskeySite } from '@/lib/webauthn/client/passkey-site';
import { registerPasskey, type NewAccount } from '@/lib/webauthn/client/register-passkey';
import { useCeremony } from '@/lib/webauthn/client/use-ceremony';
import { useWebAuthnSupport } from '@/lib/webauthn/client/use-webauthn-support';
import { CeremonyNotice } from './ceremony-notice';
import { PrimaryButton } from './primary-button';
import { SupportGate } from './support-gate';
import { TextField } from './text-field';

export type SignUpMessages = Pick<Messages, 'signup' | 'passkeys' | 'ceremonyErrors' | 'unlisted'>;

function newAccountFrom(form: HTMLFormElement): NewAccount {
  const data = new FormData(form);
  const username = String(data.get('username') ?? '').trim();
  const displayName = String(data.get('displayName') ?? '').trim();
  return displayName ? { username, displayName } : { username };
}

/** Sign-up: a username, then a passkey for it; the verify answer signs the browser in. */
export function SignUpForm({ messages, site }: { messages: SignUpMessages; site: PasskeySite }) {
  const t = messages.signup;
  const support = useWebAuthnSupport();
  const { pending, notice, run } = useCeremony((error) => describeCeremonyError(error, messages, site));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const newAccount = newAccountFrom(event.currentTarget);
    void run(async () => {
      await registerPasskey(newAccount);
      return { navigateTo: '/account' };
    });
  }

  return (
    <SupportGate support={support} messages={messages.passkeys} site={site}>
      <form onSubmit={submit} aria-busy={pending} aria-label={t.submit} className="space-y-4">
        <TextField
          name="username"
          label={t.username}
          hint={t.usernameHint}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
        />
        <TextField name="displayName" label={t.displayName} hint={t.displayNameHint} autoComplete="name" />
        <PrimaryButton type="submit" disabled={pending}>
          {t.submit}
        </PrimaryButton>
        <CeremonyNotice notice={notice} />
      </form>
    </SupportGate>
  );
}
