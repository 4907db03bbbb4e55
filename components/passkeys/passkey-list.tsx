import Image from 'next/image';
import type { PasskeyView } from '@/lib/accounts/get-account';
import { format, type Messages } from '@/lib/i18n/messages';
import { siteById } from '@/lib/sites/config';
import { DeletePasskey } from '../account/delete-passkey';
import { RenamePasskey } from './rename-passkey';

// A site removed from the configuration since still has its id on old passkeys.
function siteName(id: string): string {
  return siteById(id)?.name ?? id;
}

function KeyIcon() {
  return (
    <svg width="32" height="32" viewBox="0 0 24 24" aria-hidden="true" className="text-slate-500">
      <g fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
        <circle cx="8" cy="12" r="4" />
        <path d="M12 12h9M18 12v3M15 12v2" />
      </g>
    </svg>
  );
}

function ProviderIcon({ provider }: { provider: PasskeyView['provider'] }) {
  // The pages are always light, so the light variant; the dark one only when it is all there is.
  const icon = provider?.iconLight ?? provider?.iconDark;
  if (!icon) return <KeyIcon />;
  // Data URIs from the AAGUID list: next/image serves them as they are.
  return <Image src={icon} alt="" width={32} height={32} unoptimized />;
}

/** The account's passkeys: who holds each, whether it syncs, and where it was made and used. */
export function PasskeyList({
  passkeys,
  currentPasskeyId,
  t,
  manage,
  dates,
}: {
  passkeys: PasskeyView[];
  /** The passkey this browser's session was opened with: "this device". */
  currentPasskeyId: string | null;
  t: Messages['account'];
  manage: Messages['manage'];
  dates: Intl.DateTimeFormat;
}) {
  if (passkeys.length === 0) return <p className="text-sm text-slate-700">{t.noPasskeys}</p>;
  return (
    <ul aria-label={t.passkeysLabel} className="space-y-3">
      {passkeys.map((passkey) => (
        <li key={passkey.id} className="flex gap-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
          <ProviderIcon provider={passkey.provider} />
          <div className="min-w-0 flex-1 space-y-1">
            <RenamePasskey passkeyId={passkey.id} name={passkey.name} t={t} />
            <p className="flex flex-wrap items-center gap-2 text-sm">
              <span>{passkey.provider?.name ?? t.unknownProvider}</span>
              <span className="rounded-full bg-surface px-2 py-0.5 text-xs font-medium ring-1 ring-slate-300">
                {passkey.synced ? t.synced : t.deviceBound}
              </span>
              {passkey.id === currentPasskeyId && <span className="rounded-full bg-surface px-2 py-0.5 text-xs font-medium ring-1 ring-brand">{manage.thisDevice}</span>}
            </p>
            {passkey.transports.length > 0 && <p className="text-sm text-slate-600">{format(manage.transports, { transports: passkey.transports.join(', ') })}</p>}
            <p className="text-sm text-slate-700">
              {format(t.passkeyCreated, { site: siteName(passkey.createdOnSite), date: dates.format(passkey.createdAt) })}
            </p>
            <p className="text-sm text-slate-700">
              {passkey.lastUsedAt && passkey.lastUsedOnSite
                ? format(t.passkeyLastUsed, { site: siteName(passkey.lastUsedOnSite), date: dates.format(passkey.lastUsedAt) })
                : t.neverUsed}
            </p>
            <DeletePasskey passkeyId={passkey.id} t={manage} />
          </div>
        </li>
      ))}
    </ul>
  );
}
