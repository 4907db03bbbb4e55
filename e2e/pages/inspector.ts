import type { Locator, Page } from '@playwright/test';
import type { CeremonyLogEntry } from '@/lib/ceremony-log/entry';
import type { Messages } from '@/lib/i18n/messages';

const KIND = { registration: 'kindRegistration', authentication: 'kindAuthentication', reauthentication: 'kindReauthentication' } as const;
const STEP = { options: 'stepOptions', verify: 'stepVerify', browser: 'stepBrowser' } as const;

/** The footer's Inspector toggle and the panel it opens, on any page of a site. */
export class Inspector {
  readonly toggle: Locator;
  readonly panel: Locator;
  readonly heading: Locator;
  /** The log's entries, newest first (only the list's own items: an entry holds lists of its own). */
  readonly entries: Locator;

  constructor(
    readonly page: Page,
    readonly t: Messages,
  ) {
    this.toggle = page.getByRole('contentinfo').getByRole('button', { name: t.inspector.toggle, exact: true });
    this.panel = page.getByRole('dialog', { name: t.inspector.title });
    this.heading = this.panel.getByRole('heading', { name: t.inspector.title });
    this.entries = this.panel.getByRole('list', { name: t.inspector.entriesLabel }).locator(':scope > li');
  }

  /** The newest entry of this kind and step made on `origin`. */
  entry(kind: CeremonyLogEntry['kind'], step: CeremonyLogEntry['step'], origin: string): Locator {
    const title = `${this.t.inspector[KIND[kind]]} · ${this.t.inspector[STEP[step]]}`;
    return this.entries.filter({ has: this.page.locator('summary', { hasText: title }) }).filter({ has: this.page.locator('summary', { hasText: origin }) }).first();
  }

  /** Expands an entry (its summary is a <details> toggle). */
  async expand(entry: Locator): Promise<void> {
    await entry.locator('summary').click();
  }

  /** One of the diagram's steps, with its status in data-status. */
  diagramStep(sequence: 'registration' | 'authentication', step: string): Locator {
    return this.panel.locator(`figure[data-sequence="${sequence}"] [data-step="${step}"]`);
  }
}
