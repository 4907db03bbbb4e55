'use client';

import { useState, type FormEvent } from 'react';
import type { Messages } from '@/lib/i18n/messages';
import type { LastSignIn } from '@/lib/sign-in/last-sign-in';
import { shouldOfferPasskey } from '@/lib/sign-in/passkey-upgrade';
import { signInWithPassword } from '@/lib/sign-in/password-client';
import { ApiResponseError } from '@/lib/webauthn/client/api';
import { CeremonyNotice } from '../passkeys/ceremony-notice';
import { TextField } from '../passkeys/text-field';

export type PasswordSignInMessages = Pick<Messages, 'password' | 'signin' | 'ceremonyErrors'>;

/** Username and password; `onSignedIn` decides where the person goes next. */
export function PasswordSignInForm({ messages, onSignedIn }: { messages: PasswordSignInMessages; onSignedIn: (signIn: LastSignIn) => void }) {
  const t = messages.password;
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setProblem(null);
    try {
      const { hasPasskey } = await signInWithPassword(String(form.get('username') ?? ''), String(form.get('password') ?? ''));
      onSignedIn({ method: 'password-form', offerPasskey: shouldOfferPasskey({ accountHasPasskey: hasPasskey }) });
    } catch (error) {
      setProblem(describePasswordError(error, messages));
      setPending(false);
    }
  }

  return (
    <form onSubmit={(event) => void submit(event)} aria-busy={pending} aria-label={t.signIn} className="space-y-4">
      <TextField name="username" label={messages.signin.username} autoComplete="username" autoCapitalize="none" spellCheck={false} required />
      <TextField name="password" type="password" label={t.password} autoComplete="current-password" required maxLength={1024} />
      <button
        type="submit"
        disabled={pending}
        className="rounded-lg px-4 py-2 font-semibold text-brand ring-1 ring-brand hover:bg-surface disabled:opacity-60"
      >
        {t.signIn}
      </button>
      <CeremonyNotice notice={problem ? { tone: 'alert', message: problem } : null} />
    </form>
  );
}

/** What to tell the person when a password request failed. */
export function describePasswordError(error: unknown, messages: Pick<Messages, 'password' | 'ceremonyErrors'>): string {
  if (!(error instanceof ApiResponseError)) return messages.ceremonyErrors.unavailable;
  switch (error.code) {
    case 'INVALID_CREDENTIALS':
      return messages.password.wrongCredentials;
    // The form checks the rules first, in the person's language; this is the server's word on a
    // rule the form did not know yet.
    case 'INVALID_PASSWORD':
      return error.message;
    case 'RATE_LIMITED':
      return messages.ceremonyErrors.rateLimited;
    case 'USERNAME_TAKEN':
      return messages.ceremonyErrors.usernameTaken;
    case 'INVALID_USERNAME':
      return messages.ceremonyErrors.invalidUsername;
    case 'INVALID_DISPLAY_NAME':
      return messages.ceremonyErrors.invalidDisplayName;
    default:
      return messages.ceremonyErrors.unavailable;
  }
}
