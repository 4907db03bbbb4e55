import type { Locator, Page } from '@playwright/test';
import type { Messages } from '@/lib/i18n/messages';
import { SitePage } from './site-page';

/** /signup: a username, then a passkey for it (or a password, in the form below it). */
export class SignUpPage extends SitePage {
  protected readonly path = '/signup';
  readonly username: Locator;
  readonly submit: Locator;

  constructor(page: Page, siteId: string, t?: Messages) {
    super(page, siteId, t);
    const passkeyForm = this.main.getByRole('form', { name: this.t.signup.submit });
    this.username = passkeyForm.getByRole('textbox', { name: this.t.signup.username, exact: true });
    this.submit = passkeyForm.getByRole('button', { name: this.t.signup.submit });
  }

  async signUp(username: string): Promise<void> {
    await this.username.fill(username);
    await this.submit.click();
  }
}
