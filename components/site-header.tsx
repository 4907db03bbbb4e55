import Link from 'next/link';
import type { Messages } from '@/lib/i18n/messages';
import type { Language } from '@/lib/i18n/languages';
import type { Site } from '@/lib/sites/schema';
import { LanguageSwitcher } from './language-switcher';
import { HeaderSignIn } from './sign-in/header-sign-in';
import { SiteMark } from './site-mark';

const LINK = 'rounded-md px-1 hover:underline focus-visible:outline-2 focus-visible:outline-white';

/**
 * `signedIn` is whether this browser holds a session cookie for the site, not whether the session
 * is still live: enough to choose which links to show, without a database read per page view.
 */
export function SiteHeader({ site, language, t, signedIn }: { site: Site; language: Language; t: Messages; signedIn: boolean }) {
  return (
    <header className="bg-brand text-on-brand">
      {/* On a phone: the mark on one row, the links and the language on the next. */}
      <div className="mx-auto flex max-w-3xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3">
        <Link href="/" className="flex min-w-0 items-center gap-3 font-semibold" aria-label={`${site.name} — ${t.nav.home}`}>
          <span className="shrink-0 rounded-xl ring-2 ring-white/60">
            <SiteMark site={site} />
          </span>
          <span className="truncate text-lg" data-testid="site-name">{site.name}</span>
        </Link>
        <div className="flex w-full items-center justify-between gap-4 sm:w-auto">
          <nav aria-label={t.nav.main} className="flex gap-4 text-sm font-medium">
            {signedIn ? (
              <Link href="/account" className={LINK}>
                {t.nav.account}
              </Link>
            ) : (
              <>
                <HeaderSignIn label={t.nav.signIn} className={LINK} />
                <Link href="/signup" className={LINK}>
                  {t.nav.signUp}
                </Link>
              </>
            )}
          </nav>
          <LanguageSwitcher current={language} label={t.meta.switchLanguage} />
        </div>
      </div>
    </header>
  );
}
