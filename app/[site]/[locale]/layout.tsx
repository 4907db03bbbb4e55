import type { Metadata } from 'next';
import type { CSSProperties, ReactNode } from 'react';
import { cookies } from 'next/headers';
import Link from 'next/link';
import { InspectorToggle } from '@/components/inspector/inspector-toggle';
import { SignInNotice } from '@/components/sign-in/sign-in-notice';
import { SiteHeader } from '@/components/site-header';
import { SESSION_COOKIE } from '@/lib/auth/session-cookie';
import { htmlLang } from '@/lib/i18n/language';
import { siteConfig } from '@/lib/sites/config';
import { passkeySite } from '@/lib/webauthn/client/passkey-site';
import { pageContext, type SiteRouteParams } from '@/lib/sites/page-context';
import { LANGUAGES } from '@/lib/i18n/languages';
import '../../globals.css';

// Only configured sites and catalogued languages exist.
export const dynamicParams = false;
// Rendered per request, so that Next.js can put the request's CSP nonce on its scripts
// (lib/http/security-headers.ts; the measured cost is in the README's Security section).
export const dynamic = 'force-dynamic';

export function generateStaticParams() {
  return siteConfig.sites.flatMap((site) => LANGUAGES.map((locale) => ({ site: site.id, locale })));
}

export async function generateMetadata({ params }: { params: SiteRouteParams }): Promise<Metadata> {
  const { site } = await pageContext(params);
  return { title: { default: site.name, template: `%s · ${site.name}` } };
}

export default async function SiteLayout({ children, params }: { children: ReactNode; params: SiteRouteParams }) {
  const { site, language, t } = await pageContext(params);
  const themeVars = {
    '--site-brand': site.theme.brand,
    '--site-on-brand': site.theme.onBrand,
    '--site-surface': site.theme.surface,
  } as CSSProperties;
  return (
    <html lang={htmlLang(site, language)} style={themeVars} data-site={site.id}>
      <body className="min-h-screen">
        <SiteHeader site={site} language={language} t={t} signedIn={(await cookies()).has(SESSION_COOKIE.name)} />
        <SignInNotice
          messages={{ signedIn: t.signedIn, upgrade: t.upgrade, ceremonyErrors: t.ceremonyErrors, unlisted: t.unlisted }}
          site={passkeySite(site, siteConfig.rpId)}
        />
        <main className="mx-auto max-w-3xl px-4 py-10">{children}</main>
        <footer className="mx-auto flex max-w-3xl flex-wrap items-center gap-x-6 gap-y-3 border-t border-slate-200 px-4 py-6 text-sm">
          <Link href="/guide/cross-device" className="text-brand underline">
            {t.guide.linkText}
          </Link>
          <Link href="/walkthrough" className="text-brand underline">
            {t.walkthrough.footerLink}
          </Link>
          <span className="ml-auto">
            <InspectorToggle siteId={site.id} language={language} rpId={siteConfig.rpId} relatedOrigin={passkeySite(site, siteConfig.rpId).relatedOrigin} label={t.inspector.toggle} />
          </span>
        </footer>
      </body>
    </html>
  );
}
