'use client';

import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { en } from '@/lib/i18n/en';
import { ja } from '@/lib/i18n/ja';
import { LANGUAGE_COOKIE, LANGUAGES, type Language } from '@/lib/i18n/languages';

// Each language is named in itself, whatever the page language is.
const ownNames: Record<Language, string> = { en: en.meta.languageName, ja: ja.meta.languageName };

function rememberLanguage(language: Language): void {
  document.cookie = `${LANGUAGE_COOKIE}=${language}; path=/; max-age=31536000; samesite=lax; secure`;
}

/**
 * Stores the choice in a cookie (per host, so each site remembers its own) and re-renders:
 * the proxy reads the cookie and rewrites into that language's prerendered pages.
 */
export function LanguageSwitcher({ current, label }: { current: Language; label: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();

  function choose(language: Language) {
    rememberLanguage(language);
    startTransition(() => router.refresh());
  }

  return (
    <nav aria-label={label} className="flex gap-1 text-sm" aria-busy={pending}>
      {LANGUAGES.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          aria-pressed={language === current}
          disabled={language === current || pending}
          onClick={() => choose(language)}
          className="rounded-md px-2 py-1 ring-1 ring-white/40 aria-pressed:bg-white/20 aria-pressed:font-semibold hover:bg-white/10"
        >
          {ownNames[language]}
        </button>
      ))}
    </nav>
  );
}
