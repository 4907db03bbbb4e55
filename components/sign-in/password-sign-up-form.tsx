'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import type { Messages } from '@/lib/i18n/messages';
import { passwordProblem, type PasswordProblem } from '@/lib/passwords/password-rules';
import { rememberSignIn } from '@/lib/sign-in/last-sign-in';
import { shouldOfferPasskey } from '@/lib/sign-in/passkey-upgrade';
import { signUpWithPassword } from '@/lib/sign-in/password-client';
import { CeremonyNotice } from '../passkeys/ceremony-notice';
import { TextField } from '../passkeys/text-field';
import { describePasswordError } from './password-sign-in-form';

export type PasswordSignUpMessages = Pick<Messages, 'password' | 'signup' | 'ceremonyErrors'>;

const RULE_MESSAGE: Record<PasswordProblem, keyof Messages['password']> = {
  'too-short': 'tooShort',
  'too-long': 'tooLong',
  common: 'common',
  'same-as-username': 'sameAsUsername',
  'control-characters': 'controlCharacters',
};

/**
 * An account with a password instead of a passkey. The rules are checked here first, in the
 * person's language, with the same module the server checks them with.
 */
export function PasswordSignUpForm({ messages }: { messages: PasswordSignUpMessages }) {
  const t = messages.password;
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const username = String(form.get('username') ?? '').trim();
    const displayName = String(form.get('displayName') ?? '').trim();
    const password = String(form.get('password') ?? '');
    const rule = passwordProblem(password, username);
    if (rule) {
      setProblem(t[RULE_MESSAGE[rule]]);
      return;
    }
    setPending(true);
    setProblem(null);
    try {
      await signUpWithPassword({ username, password, ...(displayName && { displayName }) });
    } catch (error) {
      setProblem(describePasswordError(error, messages));
      setPending(false);
      return;
    }
    rememberSignIn({ method: 'password-sign-up', offerPasskey: shouldOfferPasskey({ accountHasPasskey: false }) });
    router.push('/account');
    router.refresh();
  }

  return (
    <form onSubmit={(event) => void submit(event)} aria-busy={pending} aria-label={t.signUp} className="space-y-4">
      <TextField name="username" label={messages.signup.username} hint={messages.signup.usernameHint} autoComplete="username" autoCapitalize="none" spellCheck={false} required />
      <TextField name="displayName" label={messages.signup.displayName} autoComplete="name" />
      <TextField name="password" type="password" label={t.password} hint={t.newPasswordHint} autoComplete="new-password" required maxLength={1024} />
      <button type="submit" disabled={pending} className="rounded-lg px-4 py-2 font-semibold text-brand ring-1 ring-brand hover:bg-surface disabled:opacity-60">
        {t.signUp}
      </button>
      <CeremonyNotice notice={problem ? { tone: 'alert', message: problem } : null} />
    </form>
  );
}
