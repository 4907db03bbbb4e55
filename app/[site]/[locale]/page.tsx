import Link from 'next/link';
import { ProtectedAction } from '@/components/sign-in/protected-action';
import { SiteMark } from '@/components/site-mark';
import { UnlistedNotice } from '@/components/unlisted-notice';
import { format } from '@/lib/i18n/messages';
import { primaryOrigin, siteConfig } from '@/lib/sites/config';
import { pageContext, type SiteRouteParams } from '@/lib/sites/page-context';
import { passkeySite } from '@/lib/webauthn/client/passkey-site';

export default async function HomePage({ params }: { params: SiteRouteParams }) {
  const { site, t } = await pageContext(params);
  return (
    <div className="space-y-10">
      <section className="space-y-3">
        <h1 className="text-3xl font-bold tracking-tight">{format(t.home.title, { site: site.name })}</h1>
        <p className="text-lg text-slate-700">{format(t.home.intro, { site: site.name })}</p>
        <p className="text-sm text-slate-600">{format(t.home.rpIdLine, { rpId: siteConfig.rpId })}</p>
      </section>

      {!site.listed && <UnlistedNotice site={site} t={t} />}

      <p>
        <Link href="/walkthrough" className="font-medium text-brand underline">
          {t.walkthrough.homeLink}
        </Link>
      </p>

      <section aria-labelledby="cta-heading" className="space-y-3 rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
        <h2 id="cta-heading" className="text-xl font-semibold">{t.home.ctaHeading}</h2>
        <p className="text-slate-700">{t.home.ctaBody}</p>
        <p className="flex flex-wrap gap-3">
          <Link
            href="/signup"
            className="rounded-lg bg-brand px-4 py-2 font-semibold text-on-brand shadow-sm hover:opacity-90 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand"
          >
            {t.nav.signUp}
          </Link>
          <Link
            href="/signin"
            className="rounded-lg px-4 py-2 font-semibold text-brand ring-1 ring-brand hover:bg-surface focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand"
          >
            {t.nav.signIn}
          </Link>
        </p>
      </section>

      <section aria-labelledby="action-heading" className="space-y-3 rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
        <h2 id="action-heading" className="text-xl font-semibold">
          {site.demoAction === 'redeem-points' ? t.demo.redeemHeading : t.demo.basketHeading}
        </h2>
        <p className="text-slate-700">{site.demoAction === 'redeem-points' ? t.demo.redeemBody : t.demo.basketBody}</p>
        <ProtectedAction
          action={site.demoAction}
          messages={{ demo: t.demo, password: t.password, signin: t.signin, ceremonyErrors: t.ceremonyErrors, unlisted: t.unlisted }}
          site={passkeySite(site, siteConfig.rpId)}
        />
      </section>

      <section aria-labelledby="family-heading" className="space-y-3">
        <h2 id="family-heading" className="text-xl font-semibold">{t.nav.family}</h2>
        <ul className="grid gap-3 sm:grid-cols-2">
          {siteConfig.sites.map((member) => (
            <li key={member.id}>
              <a
                href={primaryOrigin(member)}
                aria-current={member.id === site.id ? 'page' : undefined}
                className="flex items-center gap-3 rounded-xl bg-white p-3 shadow-sm ring-1 ring-slate-200 hover:ring-brand aria-[current=page]:ring-2 aria-[current=page]:ring-brand"
              >
                <SiteMark site={member} size={32} />
                <span className="flex-1">
                  <span className="block font-medium">{member.name}</span>
                  <span className="block text-sm text-slate-600">{member.hostnames[0]}</span>
                </span>
                <span className="text-xs text-slate-600">
                  {member.id === site.id ? t.home.thisSite : member.listed ? t.home.listedBadge : t.home.unlistedBadge}
                </span>
              </a>
            </li>
          ))}
        </ul>
        <p className="text-sm">
          <a className="text-brand underline" href={`https://${siteConfig.rpId}/.well-known/webauthn`}>
            {t.home.wellKnownLink}
          </a>
        </p>
      </section>
    </div>
  );
}
