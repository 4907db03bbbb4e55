import { notFound } from 'next/navigation';
import { isLanguage, type Language } from '@/lib/i18n/languages';
import { messagesFor, type Messages } from '@/lib/i18n/messages';
import { siteById } from './config';
import type { Site } from './schema';

export type SiteRouteParams = Promise<{ site: string; locale: string }>;

/**
 * Turns the [site]/[locale] segments the proxy rewrote into the site, its language and
 * catalogue; an id or language that is not configured is a 404.
 */
export async function pageContext(params: SiteRouteParams): Promise<{ site: Site; language: Language; t: Messages }> {
  const { site: siteId, locale } = await params;
  const site = siteById(siteId);
  if (!site || !isLanguage(locale)) notFound();
  return { site, language: locale, t: messagesFor(locale) };
}
