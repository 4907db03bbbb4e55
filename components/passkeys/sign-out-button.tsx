'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import type { Messages } from '@/lib/i18n/messages';
import { postJson } from '@/lib/webauthn/client/api';

/** Ends the session on this site (POST /api/account/sign-out), then goes home. */
export function SignOutButton({ t }: { t: Pick<Messages['account'], 'signOut' | 'signOutFailed'> }) {
  const router = useRouter();
  const [failed, setFailed] = useState(false);
  const [pending, startTransition] = useTransition();

  function signOut() {
    startTransition(async () => {
      try {
        await postJson('/api/account/sign-out', {});
      } catch {
        setFailed(true);
        return;
      }
      router.push('/');
      router.refresh();
    });
  }

  return (
    <div className="space-y-2">
      <button
        type="button"
        onClick={signOut}
        disabled={pending}
        className="rounded-lg px-4 py-2 font-medium ring-1 ring-slate-300 hover:bg-white focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand disabled:opacity-60"
      >
        {t.signOut}
      </button>
      {failed && (
        <p role="alert" className="text-sm text-red-800">
          {t.signOutFailed}
        </p>
      )}
    </div>
  );
}
