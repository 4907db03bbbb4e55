'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useState, type MouseEvent } from 'react';
import { signInImmediately } from '@/lib/sign-in/immediate-sign-in';
import { rememberFallback, rememberSignIn } from '@/lib/sign-in/last-sign-in';
import { shouldOfferPasskey } from '@/lib/sign-in/passkey-upgrade';
import { immediateShape, type ImmediateShape } from '@/lib/webauthn/client/immediate-mediation';

/**
 * The header's `Sign in`. Where the browser has immediate mediation, the click (a user
 * activation) signs in on the spot with a passkey or saved password of this device and the page
 * stays; with nothing on this device it opens /signin at once, no dialog left behind. Without
 * immediate mediation it is the plain link it looks like.
 */
export function HeaderSignIn({ label, className }: { label: string; className: string }) {
  const router = useRouter();
  const [shape, setShape] = useState<ImmediateShape | null>(null);
  const [pending, setPending] = useState(false);

  useEffect(() => {
    void immediateShape().then(setShape);
  }, []);

  async function signIn(event: MouseEvent<HTMLAnchorElement>) {
    // A new tab or window was asked for: that is a link's job.
    if (!shape || pending || event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    setPending(true);
    try {
      const outcome = await signInImmediately(shape, (accountHasPasskey) => shouldOfferPasskey({ accountHasPasskey }));
      if (outcome.kind === 'signed-in') {
        rememberSignIn(outcome.signIn);
        router.refresh();
        return;
      }
      rememberFallback('nothing-here');
    } catch {
      rememberFallback('immediate-failed');
    } finally {
      setPending(false);
    }
    router.push('/signin');
  }

  return (
    <Link href="/signin" onClick={(event) => void signIn(event)} aria-busy={pending} className={className}>
      {label}
    </Link>
  );
}
