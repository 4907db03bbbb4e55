import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { AddPasskey } from '@/components/passkeys/add-passkey';
import { PasskeyList } from '@/components/passkeys/passkey-list';
import { SignOutButton } from '@/components/passkeys/sign-out-button';
import { SignInList } from '@/components/sign-in/sign-in-list';
import { getAccount, type Account } from '@/lib/accounts/get-account';
import { recentSignIns, type SignInView } from '@/lib/accounts/recent-sign-ins';
import { currentSession } from '@/lib/auth/current-session';
import { databaseUnavailable } from '@/lib/db/database-unavailable';
import { htmlLang } from '@/lib/i18n/language';
import { format } from '@/lib/i18n/messages';
import { siteById, siteConfig } from '@/lib/sites/config';
import { pageContext, type SiteRouteParams } from '@/lib/sites/page-context';
import { passkeySite } from '@/lib/webauthn/client/passkey-site';

export async function generateMetadata({ params }: { params: SiteRouteParams }): Promise<Metadata> {
  const { t } = await pageContext(params);
  return { title: t.account.title };
}

/**
 * The signed-in account, null when signed out (or when a live session's account was deleted
 * meanwhile), or 'unavailable' when the database cannot answer: an outage is not a sign-out.
 */
async function signedInAccount(): Promise<(Account & { signIns: SignInView[] }) | null | 'unavailable'> {
  try {
    const session = await currentSession();
    if (!session) return null;
    const [account, signIns] = await Promise.all([getAccount(session.userId), recentSignIns(session.userId)]);
    return account && { ...account, signIns };
  } catch (error) {
    if (databaseUnavailable(error)) return 'unavailable';
    throw error;
  }
}

export default async function AccountPage({ params }: { params: SiteRouteParams }) {
  const { site, language, t } = await pageContext(params);
  const account = await signedInAccount();
  if (account === 'unavailable') {
    return (
      <p role="alert" className="rounded-lg bg-white p-4 text-red-800 ring-1 ring-red-200">
        {t.ceremonyErrors.unavailable}
      </p>
    );
  }
  if (!account) redirect('/signin');

  const { user, passkeys, hasPassword, signIns } = account;
  const dates = new Intl.DateTimeFormat(htmlLang(site, language), { dateStyle: 'medium' });
  // Rendered on the server, which does not know the reader's time zone: UTC, and it says so.
  const times = new Intl.DateTimeFormat(htmlLang(site, language), { dateStyle: 'medium', timeStyle: 'long', timeZone: 'UTC' });
  return (
    <div className="space-y-8">
      <section className="space-y-2">
        <h1 className="text-3xl font-bold tracking-tight">{t.account.title}</h1>
        <p className="text-lg">
          {t.account.signedInAs} <strong>{user.username}</strong>
        </p>
        <dl className="flex gap-2">
          <dt className="text-slate-600">{t.account.displayName}</dt>
          <dd className="font-medium">{user.displayName}</dd>
        </dl>
        <p className="text-sm text-slate-600">
          {format(t.account.createdOn, { site: siteById(user.createdOnSite)?.name ?? user.createdOnSite, date: dates.format(user.createdAt) })}
        </p>
      </section>

      <section aria-labelledby="passkeys-heading" className="space-y-3">
        <h2 id="passkeys-heading" className="text-xl font-semibold">
          {t.account.passkeysHeading}
        </h2>
        <p className="text-sm text-slate-600">{t.account.passkeysLegend}</p>
        <PasskeyList passkeys={passkeys} t={t.account} dates={dates} />
      </section>

      <section className="space-y-3">
        {hasPassword && <p className="text-sm text-slate-700">{t.account.hasPassword}</p>}
        <p className="text-sm text-slate-700">{t.account.addHint}</p>
        <AddPasskey
          messages={{ account: t.account, passkeys: t.passkeys, ceremonyErrors: t.ceremonyErrors, unlisted: t.unlisted }}
          site={passkeySite(site, siteConfig.rpId)}
        />
      </section>

      <section aria-labelledby="sign-ins-heading" className="space-y-3">
        <h2 id="sign-ins-heading" className="text-xl font-semibold">
          {t.account.signInsHeading}
        </h2>
        <p className="text-sm text-slate-600">{t.account.signInsLegend}</p>
        <SignInList signIns={signIns} t={t.account} dates={times} />
      </section>

      <SignOutButton t={t.account} />
    </div>
  );
}
