import type { Metadata } from 'next';
import Link from 'next/link';
import { SignUpForm } from '@/components/passkeys/signup-form';
import { PasswordSignUpForm } from '@/components/sign-in/password-sign-up-form';
import { UnlistedNotice } from '@/components/unlisted-notice';
import { siteConfig } from '@/lib/sites/config';
import { pageContext, type SiteRouteParams } from '@/lib/sites/page-context';
import { passkeySite } from '@/lib/webauthn/client/passkey-site';

export async function generateMetadata({ params }: { params: SiteRouteParams }): Promise<Metadata> {
  const { t } = await pageContext(params);
  return { title: t.signup.title };
}

export default async function SignUpPage({ params }: { params: SiteRouteParams }) {
  const { site, t } = await pageContext(params);
  return (
    <div className="max-w-md space-y-6">
      <section className="space-y-2">
        <h1 className="text-3xl font-bold tracking-tight">{t.signup.title}</h1>
        <p className="text-slate-700">{t.signup.intro}</p>
      </section>
      {!site.listed && <UnlistedNotice site={site} t={t} />}
      <SignUpForm
        messages={{ signup: t.signup, passkeys: t.passkeys, ceremonyErrors: t.ceremonyErrors, unlisted: t.unlisted }}
        site={passkeySite(site, siteConfig.rpId)}
      />
      <section aria-labelledby="password-sign-up-heading" className="space-y-3 border-t border-slate-200 pt-6">
        <h2 id="password-sign-up-heading" className="text-lg font-semibold">
          {t.password.heading}
        </h2>
        <PasswordSignUpForm messages={{ password: t.password, signup: t.signup, ceremonyErrors: t.ceremonyErrors }} />
      </section>
      <p className="text-sm">
        {t.signup.haveAccount}{' '}
        <Link href="/signin" className="text-brand underline">
          {t.nav.signIn}
        </Link>
      </p>
    </div>
  );
}
