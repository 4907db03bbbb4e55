import type { ReactNode } from 'react';
import { format } from '@/lib/i18n/format';
import type { Messages } from '@/lib/i18n/messages';
import type { PasskeySite } from '@/lib/webauthn/client/passkey-site';
import type { WebAuthnSupport } from '@/lib/webauthn/client/support';

/**
 * Shows its children (the controls that start ceremonies) only once detection is done and
 * WebAuthn exists; otherwise says plainly what is going on. Hints about what this browser
 * lacks come first, because they explain failures the controls may then run into.
 */
export function SupportGate({
  support,
  messages,
  site,
  children,
}: {
  support: WebAuthnSupport | null;
  messages: Messages['passkeys'];
  site: PasskeySite;
  children: ReactNode;
}) {
  if (!support) {
    return (
      <p aria-busy="true" className="text-slate-600">
        {messages.checking}
      </p>
    );
  }
  if (!support.webAuthn) {
    return <p className="rounded-lg border border-amber-300 bg-amber-50 p-3">{messages.unsupported}</p>;
  }
  // On an unlisted site the unlisted notice already explains the refusal.
  const relatedOriginsMissing = support.relatedOrigins === false && site.relatedOrigin && site.listed;
  return (
    <>
      {support.platformAuthenticator === false && <p className="text-sm text-slate-600">{messages.noPlatformAuthenticator}</p>}
      {relatedOriginsMissing && (
        <p className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm">
          {format(messages.noRelatedOrigins, { rpId: site.rpId, site: site.name })}
        </p>
      )}
      {children}
    </>
  );
}
