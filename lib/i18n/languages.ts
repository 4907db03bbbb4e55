/** UI languages with a message catalogue; a site's locale picks one of them plus a region. */
export const LANGUAGES = ['en', 'ja'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Cookie holding a visitor's chosen language; per host, like every cookie here. */
export const LANGUAGE_COOKIE = 'atlas-lang';

export function isLanguage(value: string | undefined): value is Language {
  return (LANGUAGES as readonly string[]).includes(value ?? '');
}
