import type { Metadata } from 'next';
import Link from 'next/link';
import { SignInForm } from '@/components/passkeys/signin-form';
import { PasswordSignInPanel } from '@/components/sign-in/password-sign-in-panel';
import { PhoneSignIn } from '@/components/sign-in/phone-sign-in';
import { UnlistedNotice } from '@/components/unlisted-notice';
import { siteConfig } from '@/lib/sites/config';
import { pageContext, type SiteRouteParams } from '@/lib/sites/page-context';
import { passkeySite } from '@/lib/webauthn/client/passkey-site';

export async function generateMetadata({ params }: { params: SiteRouteParams }): Promise<Metadata> {
  const { t } = await pageContext(params);
  return { title: t.signin.title };
}

export default async function SignInPage({ params }: { params: SiteRouteParams }) {
  const { site, t } = await pageContext(params);
  return (
    <div className="max-w-md space-y-6">
      <section className="space-y-2">
        <h1 className="text-3xl font-bold tracking-tight">{t.signin.title}</h1>
        <p className="text-slate-700">{t.signin.intro}</p>
      </section>
      {!site.listed && <UnlistedNotice site={site} t={t} />}
      <SignInForm
        messages={{ signin: t.signin, passkeys: t.passkeys, ceremonyErrors: t.ceremonyErrors, unlisted: t.unlisted }}
        site={passkeySite(site, siteConfig.rpId)}
      />
      <PhoneSignIn messages={{ crossDevice: t.crossDevice, ceremonyErrors: t.ceremonyErrors, unlisted: t.unlisted }} site={passkeySite(site, siteConfig.rpId)} guideLink={t.guide.linkText} />
      <PasswordSignInPanel messages={{ password: t.password, signin: t.signin, ceremonyErrors: t.ceremonyErrors }} />
      <p className="text-sm">
        {t.signin.noAccount}{' '}
        <Link href="/signup" className="text-brand underline">
          {t.nav.signUp}
        </Link>
      </p>
    </div>
  );
}
