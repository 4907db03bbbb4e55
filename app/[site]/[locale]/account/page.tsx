import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { AccountActionsProvider } from '@/components/account/account-actions';
import { DeleteAccount } from '@/components/account/delete-account';
import { DisplayName } from '@/components/account/display-name';
import { SecurityNotices } from '@/components/account/security-notices';
import { SessionList } from '@/components/account/session-list';
import { AddPasskey } from '@/components/passkeys/add-passkey';
import { PasskeyList } from '@/components/passkeys/passkey-list';
import { SignOutButton } from '@/components/passkeys/sign-out-button';
import { SignInList } from '@/components/sign-in/sign-in-list';
import { getAccount } from '@/lib/accounts/get-account';
import { recentSignIns } from '@/lib/accounts/recent-sign-ins';
import { securityNotices } from '@/lib/accounts/security-notices';
import { liveSessions } from '@/lib/accounts/sessions-view';
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
 * Everything the page shows of the signed-in account, null when signed out (or when a live
 * session's account was deleted meanwhile), or 'unavailable' when the database cannot answer:
 * an outage is not a sign-out.
 */
async function signedInAccount() {
  try {
    const session = await currentSession();
    if (!session) return null;
    const [account, signIns, sessions, notices] = await Promise.all([
      getAccount(session.userId),
      recentSignIns(session.userId),
      liveSessions(session.userId, session.sessionId),
      securityNotices(session.userId),
    ]);
    return account && { ...account, signIns, sessions, notices };
  } catch (error) {
    if (databaseUnavailable(error)) return 'unavailable' as const;
    throw error;
  }
}

const siteName = (id: string) => siteById(id)?.name ?? id;

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

  const { user, passkeys, hasPassword, signIns, sessions, notices } = account;
  const dates = new Intl.DateTimeFormat(htmlLang(site, language), { dateStyle: 'medium' });
  // Rendered on the server, which does not know the reader's time zone: UTC, and it says so.
  const times = new Intl.DateTimeFormat(htmlLang(site, language), { dateStyle: 'medium', timeStyle: 'long', timeZone: 'UTC' });
  const browserSite = passkeySite(site, siteConfig.rpId);
  const currentPasskeyId = sessions.find((session) => session.current)?.passkeyId ?? null;
  return (
    <AccountActionsProvider
      messages={{ manage: t.manage, password: t.password, ceremonyErrors: t.ceremonyErrors, unlisted: t.unlisted }}
      site={browserSite}
      userHandle={user.userHandle}
      hasPasskey={passkeys.length > 0}
      hasPassword={hasPassword}
    >
      <div className="space-y-8">
        <section className="space-y-2">
          <h1 className="text-3xl font-bold tracking-tight">{t.account.title}</h1>
          <p className="text-lg">
            {t.account.signedInAs} <strong>{user.username}</strong>
          </p>
          <DisplayName value={user.displayName} t={{ ...t.account, ...t.manage, invalid: t.ceremonyErrors.invalidDisplayName }} />
          <p className="text-sm text-slate-600">{format(t.account.createdOn, { site: siteName(user.createdOnSite), date: dates.format(user.createdAt) })}</p>
        </section>

        <section aria-labelledby="passkeys-heading" className="space-y-3">
          <h2 id="passkeys-heading" className="text-xl font-semibold">
            {t.account.passkeysHeading}
          </h2>
          <p className="text-sm text-slate-600">{t.account.passkeysLegend}</p>
          <PasskeyList passkeys={passkeys} currentPasskeyId={currentPasskeyId} t={t.account} manage={t.manage} dates={dates} />
        </section>

        <section className="space-y-3">
          {hasPassword && <p className="text-sm text-slate-700">{t.account.hasPassword}</p>}
          <p className="text-sm text-slate-700">{t.account.addHint}</p>
          <AddPasskey messages={{ account: t.account, passkeys: t.passkeys, ceremonyErrors: t.ceremonyErrors, unlisted: t.unlisted }} site={browserSite} />
        </section>

        <section aria-labelledby="sessions-heading" className="space-y-3">
          <h2 id="sessions-heading" className="text-xl font-semibold">
            {t.manage.sessionsHeading}
          </h2>
          <p className="text-sm text-slate-600">{t.manage.sessionsLegend}</p>
          <SessionList
            sessions={sessions.map((session) => ({
              handle: session.handle,
              site: siteName(session.siteId),
              browser: session.browser ?? t.manage.unknownBrowser,
              os: session.os ?? t.manage.unknownOs,
              created: times.format(session.createdAt),
              lastSeen: times.format(session.lastSeenAt),
              current: session.current,
            }))}
            t={t.manage}
          />
        </section>

        <section aria-labelledby="notices-heading" className="space-y-3">
          <h2 id="notices-heading" className="text-xl font-semibold">
            {t.manage.noticesHeading}
          </h2>
          <SecurityNotices notices={notices} t={t.manage} dates={times} />
        </section>

        <section aria-labelledby="sign-ins-heading" className="space-y-3">
          <h2 id="sign-ins-heading" className="text-xl font-semibold">
            {t.account.signInsHeading}
          </h2>
          <p className="text-sm text-slate-600">{t.account.signInsLegend}</p>
          <SignInList signIns={signIns} t={t.account} dates={times} />
        </section>

        <SignOutButton t={t.account} />

        <section aria-labelledby="delete-account-heading" className="space-y-3 rounded-xl bg-white p-4 ring-1 ring-red-200">
          <h2 id="delete-account-heading" className="text-xl font-semibold text-red-900">
            {t.manage.deleteAccountHeading}
          </h2>
          <p className="text-sm text-slate-700">{t.manage.deleteAccountBody}</p>
          <DeleteAccount t={t.manage} />
        </section>
      </div>
    </AccountActionsProvider>
  );
}
