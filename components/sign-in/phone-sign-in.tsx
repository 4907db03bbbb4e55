'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { format } from '@/lib/i18n/format';
import type { Messages } from '@/lib/i18n/messages';
import { rememberSignIn } from '@/lib/sign-in/last-sign-in';
import { shouldOfferDevicePasskey } from '@/lib/sign-in/passkey-upgrade';
import { describeCeremonyError } from '@/lib/webauthn/client/ceremony-error';
import { crossDeviceReadiness, type CrossDeviceReadiness, type OsFamily } from '@/lib/webauthn/client/cross-device';
import type { PasskeySite } from '@/lib/webauthn/client/passkey-site';
import { signInWithPasskey } from '@/lib/webauthn/client/sign-in-with-passkey';
import { useCeremony } from '@/lib/webauthn/client/use-ceremony';
import { CeremonyNotice } from '../passkeys/ceremony-notice';

export type PhoneSignInMessages = Pick<Messages, 'crossDevice' | 'ceremonyErrors' | 'unlisted'>;

const HOW: Record<OsFamily, keyof Messages['crossDevice']> = {
  windows: 'howWindows',
  macos: 'howMacos',
  linux: 'howLinux',
  chromeos: 'howChromeos',
  android: 'howAndroid',
  ios: 'howIos',
  other: 'howOther',
};

/** What to tell the person when a phone cannot simply be used here; null when it can. */
export function readinessProblem(readiness: CrossDeviceReadiness, t: Messages['crossDevice']): string | null {
  switch (readiness.kind) {
    case 'ready':
      return null;
    case 'no-bluetooth':
      return t.noBluetooth;
    case 'bluetooth-off':
      return format(t.bluetoothOff, { how: t[HOW[readiness.os]] });
    case 'undetectable':
      return t.undetectable;
  }
}

/**
 * `Use a phone or tablet` on the sign-in page, shown or explained according to what the
 * readiness check says: a discoverable sign-in hinted to go straight to the QR code (hybrid).
 */
export function PhoneSignIn({ messages, site, guideLink }: { messages: PhoneSignInMessages; site: PasskeySite; guideLink: string }) {
  const t = messages.crossDevice;
  const [readiness, setReadiness] = useState<CrossDeviceReadiness | null>(null);
  const { pending, notice, run } = useCeremony((error) => describeCeremonyError(error, messages, site));

  useEffect(() => {
    void crossDeviceReadiness().then(setReadiness);
  }, []);

  function signIn() {
    void run(async () => {
      const { attachment } = await signInWithPasskey({ autofill: false, hints: ['hybrid'], ui: 'phone' });
      rememberSignIn({ method: 'passkey-button', offerPasskey: false, offerDevicePasskey: shouldOfferDevicePasskey({ attachment }) }, { followedByLoad: true });
      return { navigateTo: '/account' };
    });
  }

  const explanation = readiness && readinessProblem(readiness, t);

  return (
    <section aria-labelledby="phone-sign-in-heading" aria-busy={pending || readiness === null} className="space-y-3 border-t border-slate-200 pt-6">
      <h2 id="phone-sign-in-heading" className="text-lg font-semibold">
        {t.heading}
      </h2>
      {explanation && (
        <p role="status" className="text-sm text-slate-700" data-readiness={readiness?.kind}>
          {explanation}
        </p>
      )}
      {readiness && readiness.kind !== 'no-bluetooth' && (
        <>
          <button
            type="button"
            onClick={signIn}
            disabled={pending}
            className="rounded-lg px-4 py-2 font-semibold text-brand ring-1 ring-brand hover:bg-surface disabled:opacity-60"
          >
            {t.button}
          </button>
          <details className="text-sm text-slate-700">
            <summary className="cursor-pointer">{t.steps}</summary>
            <ol className="mt-2 list-decimal space-y-1 pl-5">
              <li>{t.step1}</li>
              <li>{t.step2}</li>
              <li>{t.step3}</li>
              <li>{t.step4}</li>
            </ol>
          </details>
          <p className="text-sm">
            <Link href="/guide/cross-device" className="text-brand underline">
              {guideLink}
            </Link>
          </p>
        </>
      )}
      <CeremonyNotice notice={notice} />
    </section>
  );
}
