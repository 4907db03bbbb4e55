import type { SignInView } from '@/lib/accounts/recent-sign-ins';
import { format, type Messages } from '@/lib/i18n/messages';
import { siteById } from '@/lib/sites/config';

/** The account's latest sign-in attempts: how (passkey or password), where, when, and whether it worked. */
export function SignInList({ signIns, t, dates }: { signIns: SignInView[]; t: Messages['account']; dates: Intl.DateTimeFormat }) {
  if (signIns.length === 0) return <p className="text-sm text-slate-600">{t.noSignIns}</p>;
  return (
    <ul aria-label={t.signInsLabel} className="divide-y divide-slate-200 rounded-xl bg-white text-sm shadow-sm ring-1 ring-slate-200">
      {signIns.map((signIn) => (
        <li key={`${signIn.at.toISOString()}-${signIn.siteId}`} className="flex flex-wrap items-center gap-x-2 gap-y-1 px-4 py-2">
          <span className={signIn.success ? 'font-medium' : 'font-medium text-red-800'}>{signIn.success ? t.signInSucceeded : t.signInFailed}</span>
          <span className="rounded-full bg-surface px-2 py-0.5 text-xs font-medium ring-1 ring-slate-300">
            {signIn.method === 'password' ? t.methodPassword : t.methodPasskey}
          </span>
          {signIn.authenticatorAttachment && (
            <span className="text-xs text-slate-600">{signIn.authenticatorAttachment === 'cross-platform' ? t.withAnotherDevice : t.onThisDevice}</span>
          )}
          <span className="text-slate-700">{format(t.signInWhere, { site: siteById(signIn.siteId)?.name ?? signIn.siteId, date: dates.format(signIn.at) })}</span>
        </li>
      ))}
    </ul>
  );
}
