import type { Locator, Page } from '@playwright/test';
import { format, type Messages } from '@/lib/i18n/messages';
import { SitePage } from './site-page';

/** /account: who is signed in, their passkeys, adding one, signing out. */
export class AccountPage extends SitePage {
  protected readonly path = '/account';
  readonly signedInAs: Locator;
  readonly passkeyList: Locator;
  readonly passkeys: Locator;
  readonly addPasskey: Locator;
  readonly signOut: Locator;

  constructor(page: Page, siteId: string, t?: Messages) {
    super(page, siteId, t);
    this.signedInAs = this.main.getByRole('paragraph').filter({ hasText: this.t.account.signedInAs });
    this.passkeyList = this.main.getByRole('list', { name: this.t.account.passkeysLabel, exact: true });
    this.passkeys = this.passkeyList.getByRole('listitem');
    this.addPasskey = this.main.getByRole('button', { name: this.t.account.addPasskey });
    this.signOut = this.main.getByRole('button', { name: this.t.account.signOut, exact: true });
  }

  /** Renames the only (or first) passkey through its inline form. */
  async renameFirstPasskey(name: string): Promise<void> {
    const item = this.passkeys.first();
    await item.getByRole('button', { name: this.t.account.rename }).click();
    await item.getByRole('textbox', { name: this.t.account.nameLabel }).fill(name);
    await item.getByRole('button', { name: this.t.account.save }).click();
  }

  /** The start of a passkey's "last used" line for a site, without the date. */
  lastUsedOn(siteName: string): string {
    const template = this.t.account.passkeyLastUsed;
    return format(template.slice(0, template.indexOf('{date}')), { site: siteName }).replace(/[,、\s]+$/, '');
  }

  /** The text the page shows for a signed-in username. */
  signedInText(username: string): string {
    return `${this.t.account.signedInAs} ${username}`;
  }
}
