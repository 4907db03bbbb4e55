'use client';

import { useRouter } from 'next/navigation';
import { rememberSignIn } from '@/lib/sign-in/last-sign-in';
import { PasswordSignInForm, type PasswordSignInMessages } from './password-sign-in-form';

/** The sign-in page's password form: signed in, it goes to the account page, the header refreshed too. */
export function PasswordSignInPanel({ messages }: { messages: PasswordSignInMessages }) {
  const router = useRouter();
  return (
    <section aria-labelledby="password-sign-in-heading" className="space-y-3 border-t border-slate-200 pt-6">
      <h2 id="password-sign-in-heading" className="text-lg font-semibold">
        {messages.password.heading}
      </h2>
      <PasswordSignInForm
        messages={messages}
        onSignedIn={(signIn) => {
          rememberSignIn(signIn);
          router.push('/account');
          router.refresh();
        }}
      />
    </section>
  );
}
