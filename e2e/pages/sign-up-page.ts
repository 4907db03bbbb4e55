import type { Locator, Page } from '@playwright/test';
import type { Messages } from '@/lib/i18n/messages';
import { SitePage } from './site-page';

/** /signup: a username, then a passkey for it. */
export class SignUpPage extends SitePage {
  protected readonly path = '/signup';
  readonly username: Locator;
  readonly submit: Locator;

  constructor(page: Page, siteId: string, t?: Messages) {
    super(page, siteId, t);
    this.username = this.main.getByRole('textbox', { name: this.t.signup.username, exact: true });
    this.submit = this.main.getByRole('button', { name: this.t.signup.submit });
  }

  async signUp(username: string): Promise<void> {
    await this.username.fill(username);
    await this.submit.click();
  }
}
