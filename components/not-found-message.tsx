'use client';

import Link from 'next/link';
import { useParams } from 'next/navigation';
import { isLanguage } from '@/lib/i18n/languages';
import { format, messagesFor } from '@/lib/i18n/messages';

export function NotFoundMessage({ siteNames }: { siteNames: Record<string, string> }) {
  const params = useParams<{ site: string; locale: string }>();
  const t = messagesFor(isLanguage(params.locale) ? params.locale : 'en');
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t.notFound.title}</h1>
      <p>{format(t.notFound.body, { site: siteNames[params.site] ?? '' })}</p>
      <Link className="text-brand underline" href="/">
        {t.notFound.back}
      </Link>
    </div>
  );
}
