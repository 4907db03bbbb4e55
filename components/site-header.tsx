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
        <LanguageSwitcher current={language} label={t.meta.switchLanguage} />
      </div>
    </header>
  );
}
