import type { Site } from '@/lib/sites/schema';
import { isLanguage, type Language } from './languages';

/** The catalogue a site opens in: its locale's language ("en-GB" → "en"). */
export function defaultLanguage(site: Site): Language {
  const language = site.locale.split('-')[0];
  return isLanguage(language) ? language : 'en';
}

/** The value for <html lang>: the site's own locale when it is in the shown language. */
export function htmlLang(site: Site, language: Language): string {
  return defaultLanguage(site) === language ? site.locale : language;
}

/** The language a request is shown in: the visitor's stored choice, else the site's own. */
export function chooseLanguage(site: Site, stored: string | undefined): Language {
  return isLanguage(stored) ? stored : defaultLanguage(site);
}
