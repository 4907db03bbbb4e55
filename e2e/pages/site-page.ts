import type { Locator, Page, Response } from '@playwright/test';
import { defaultLanguage } from '@/lib/i18n/language';
import { messagesFor, type Messages } from '@/lib/i18n/messages';
import { siteById } from '@/lib/sites/config';
import { origin } from '../fixtures';

/** The catalogue a site shows by default (no language cookie): Japanese on example.co.jp. */
export function defaultMessages(siteId: string): Messages {
  const site = siteById(siteId);
  if (!site) throw new Error(`No site "${siteId}" in sites.config.ts`);
  return messagesFor(defaultLanguage(site));
}

/**
 * What every page of a site shares: its address and the ceremony notices. Notices are looked
 * for inside <main>, because Next.js's route announcer is also a role="alert".
 */
export abstract class SitePage {
  readonly main: Locator;
  /** A failure the person must know about. */
  readonly alert: Locator;
  /** A calm notice (cancelled, already registered, added). */
  readonly status: Locator;

  constructor(
    readonly page: Page,
    readonly siteId: string,
    readonly t: Messages = defaultMessages(siteId),
  ) {
    this.main = page.getByRole('main');
    this.alert = this.main.getByRole('alert');
    this.status = this.main.getByRole('status');
  }

  protected abstract readonly path: string;

  get url(): string {
    return `${origin(this.siteId)}${this.path}`;
  }

  async goto(): Promise<Response | null> {
    return this.page.goto(this.url);
  }
}
