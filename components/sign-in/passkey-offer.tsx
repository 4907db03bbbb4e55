'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useEffectEvent, useState, useSyncExternalStore } from 'react';
import type { Messages } from '@/lib/i18n/messages';
import { dismissPasskeyOffer, type PasskeyOfferKind } from '@/lib/sign-in/passkey-upgrade';
import { describeCeremonyError, type Notice } from '@/lib/webauthn/client/ceremony-error';
import { osFamily, remembersLinkedPhones } from '@/lib/webauthn/client/cross-device';
import type { PasskeySite } from '@/lib/webauthn/client/passkey-site';
import { registerPasskey } from '@/lib/webauthn/client/register-passkey';
import { CeremonyNotice } from '../passkeys/ceremony-notice';
import { PrimaryButton } from '../passkeys/primary-button';

export type PasskeyOfferMessages = Pick<Messages, 'upgrade' | 'ceremonyErrors' | 'unlisted'>;

const unchanging = () => () => undefined;

/** Whether this browser remembers linked phones; false while rendering on the server. */
function useRemembersLinkedPhones(): boolean {
  return useSyncExternalStore(
    unchanging,
    () => {
      const nav = navigator as Navigator & { userAgentData?: { brands?: { brand: string }[]; platform?: string } };
      return remembersLinkedPhones(nav.userAgentData?.brands, osFamily(nav.userAgentData?.platform, nav.userAgent));
    },
    () => false,
  );
}

/**
 * After a password sign-in, a passkey for the account. Where the browser can create one without
 * a dialog (conditional create, right after its password manager filled the password), that is
 * tried at once; the visible offer stays meanwhile, and pressing its button replaces the quiet
 * attempt with the normal add-passkey ceremony. After a sign-in with a phone or a key
 * (`this-device`), a passkey on this device's own authenticator instead.
 */
export function PasskeyOffer({ kind, messages, site, onDone }: { kind: PasskeyOfferKind; messages: PasskeyOfferMessages; site: PasskeySite; onDone: () => void }) {
  const router = useRouter();
  const t = messages.upgrade;
  const [pending, setPending] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const remembersPhones = useRemembersLinkedPhones();

  function created() {
    setNotice({ tone: 'status', message: t.created });
    router.refresh();
  }
  const createdQuietly = useEffectEvent(created);

  useEffect(() => {
    if (kind === 'this-device') return;
    const statics = globalThis.PublicKeyCredential as { getClientCapabilities?: () => Promise<Record<string, boolean | undefined>> } | undefined;
    void statics
      ?.getClientCapabilities?.()
      .then((capabilities) => {
        if (capabilities.conditionalCreate !== true) return;
        // Quietly: it stays pending unless the password manager agrees, and a click on the
        // button aborts it (SimpleWebAuthn ends the previous ceremony when a new one starts).
        return registerPasskey(undefined, { conditional: true }).then(createdQuietly, () => undefined);
      })
      .catch(() => undefined);
  }, [kind]);

  async function create() {
    setPending(true);
    setNotice(null);
    try {
      await registerPasskey(undefined, { thisDevice: kind === 'this-device' });
      created();
    } catch (error) {
      setNotice(describeCeremonyError(error, messages, site));
    } finally {
      setPending(false);
    }
  }

  if (notice?.tone === 'status') return <CeremonyNotice notice={notice} />;
  return (
    <section aria-labelledby="passkey-offer-heading" aria-busy={pending} className="space-y-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-brand">
      <h2 id="passkey-offer-heading" className="font-semibold">
        {kind === 'this-device' ? t.deviceHeading : t.heading}
      </h2>
      <p className="text-sm text-slate-700">{kind === 'this-device' ? t.deviceBody : t.body}</p>
      {kind === 'this-device' && remembersPhones && <p className="text-sm text-slate-600">{t.persistentLinking}</p>}
      <div className="flex flex-wrap gap-2">
        <PrimaryButton type="button" onClick={() => void create()} disabled={pending}>
          {kind === 'this-device' ? t.deviceCreate : t.create}
        </PrimaryButton>
        <button
          type="button"
          onClick={() => {
            dismissPasskeyOffer(kind);
            onDone();
          }}
          className="rounded-lg px-4 py-2 font-medium ring-1 ring-slate-300 hover:bg-surface"
        >
          {t.notNow}
        </button>
      </div>
      <CeremonyNotice notice={notice} />
    </section>
  );
}
