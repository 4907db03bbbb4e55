'use client';

import { useRouter } from 'next/navigation';
import type { Messages } from '@/lib/i18n/messages';
import { describeCeremonyError } from '@/lib/webauthn/client/ceremony-error';
import type { PasskeySite } from '@/lib/webauthn/client/passkey-site';
import { registerPasskey } from '@/lib/webauthn/client/register-passkey';
import { useCeremony } from '@/lib/webauthn/client/use-ceremony';
import { useWebAuthnSupport } from '@/lib/webauthn/client/use-webauthn-support';
import { useOptionalAccountActions } from '../account/account-actions';
import { CeremonyNotice } from './ceremony-notice';
import { PrimaryButton } from './primary-button';
import { SupportGate } from './support-gate';

export type AddPasskeyMessages = Pick<Messages, 'account' | 'passkeys' | 'ceremonyErrors' | 'unlisted'>;

/**
 * Adds a passkey to the signed-in account. The server excludes the account's passkeys, so a
 * device that already holds one answers InvalidStateError, shown as a calm notice.
 */
export function AddPasskey({ messages, site }: { messages: AddPasskeyMessages; site: PasskeySite }) {
  const router = useRouter();
  const support = useWebAuthnSupport();
  const { pending, notice, run } = useCeremony((error) => describeCeremonyError(error, messages, site));
  // Adding a passkey needs a fresh confirmation on the account page; elsewhere it follows a sign-in.
  const confirmed = useOptionalAccountActions()?.confirmed ?? ((action: () => Promise<void>) => action());

  function add() {
    void run(async () => {
      if ((await confirmed(() => registerPasskey())) === null) return { notice: { tone: 'status', message: messages.ceremonyErrors.cancelled } };
      // The list is a server component: fetch it again to show the new passkey.
      router.refresh();
      return { notice: { tone: 'status', message: messages.account.added } };
    });
  }

  return (
    <div aria-busy={pending} className="space-y-3">
      <SupportGate support={support} messages={messages.passkeys} site={site}>
        <PrimaryButton type="button" onClick={add} disabled={pending}>
          {messages.account.addPasskey}
        </PrimaryButton>
      </SupportGate>
      <CeremonyNotice notice={notice} />
    </div>
  );
}
