import Link from 'next/link';
import type { Messages } from '@/lib/i18n/messages';
import type { Language } from '@/lib/i18n/languages';
import type { Site } from '@/lib/sites/schema';
import { LanguageSwitcher } from './language-switcher';
import { SiteMark } from './site-mark';

export function SiteHeader({ site, language, t }: { site: Site; language: Language; t: Messages }) {
  return (
    <header className="bg-brand text-on-brand">
      <div className="mx-auto flex max-w-3xl items-center justify-between gap-4 px-4 py-3">
        <Link href="/" className="flex items-center gap-3 font-semibold" aria-label={`${site.name} — ${t.nav.home}`}>
          <span className="rounded-xl ring-2 ring-white/60">
            <SiteMark site={site} />
          </span>
          <span className="text-lg" data-testid="site-name">{site.name}</span>
        </Link>
        <div className="flex flex-wrap items-center justify-end gap-x-4 gap-y-2">
          {/* Plain links: asking who is signed in here would make every page dynamic. */}
          <nav aria-label={t.nav.main} className="flex gap-3 text-sm font-medium">
            <Link href="/signin" className="rounded-md px-1 hover:underline focus-visible:outline-2 focus-visible:outline-white">
              {t.nav.signIn}
            </Link>
            <Link href="/signup" className="rounded-md px-1 hover:underline focus-visible:outline-2 focus-visible:outline-white">
              {t.nav.signUp}
            </Link>
            <Link href="/account" className="rounded-md px-1 hover:underline focus-visible:outline-2 focus-visible:outline-white">
              {t.nav.account}
            </Link>
          </nav>
          <LanguageSwitcher current={language} label={t.meta.switchLanguage} />
        </div>
      </div>
    </header>
  );
}
