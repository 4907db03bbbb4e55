import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { auth } from '@/auth';
import { AddPasskey } from '@/components/passkeys/add-passkey';
import { PasskeyList } from '@/components/passkeys/passkey-list';
import { getAccount } from '@/lib/accounts/get-account';
import { htmlLang } from '@/lib/i18n/language';
import { format } from '@/lib/i18n/messages';
import { siteById, siteConfig } from '@/lib/sites/config';
import { pageContext, type SiteRouteParams } from '@/lib/sites/page-context';
import { passkeySite } from '@/lib/webauthn/client/passkey-site';
import { renamePasskeyAction, signOutAction } from './actions';

export async function generateMetadata({ params }: { params: SiteRouteParams }): Promise<Metadata> {
  const { t } = await pageContext(params);
  return { title: t.account.title };
}

export default async function AccountPage({ params }: { params: SiteRouteParams }) {
  const { site, language, t } = await pageContext(params);
  const session = await auth();
  if (!session) redirect('/signin');
  // A live session whose account was deleted meanwhile: nothing to show here.
  const account = await getAccount(session.user.id);
  if (!account) redirect('/signin');

  const { user, passkeys } = account;
  const dates = new Intl.DateTimeFormat(htmlLang(site, language), { dateStyle: 'medium' });
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
        <PasskeyList passkeys={passkeys} rename={renamePasskeyAction} t={t.account} dates={dates} />
      </section>

      <section className="space-y-3">
        <p className="text-sm text-slate-700">{t.account.addHint}</p>
        <AddPasskey
          messages={{ account: t.account, passkeys: t.passkeys, ceremonyErrors: t.ceremonyErrors, unlisted: t.unlisted }}
          site={passkeySite(site, siteConfig.rpId)}
        />
      </section>

      <form action={signOutAction}>
        <button
          type="submit"
          className="rounded-lg px-4 py-2 font-medium ring-1 ring-slate-300 hover:bg-white focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand"
        >
          {t.account.signOut}
        </button>
      </form>
    </div>
  );
}
