import type { Locator, Page } from '@playwright/test';
import type { Messages } from '@/lib/i18n/messages';
import { SitePage } from './site-page';

/** /signin: passkeys in the username field's autofill, or the button for the browser's prompt. */
export class SignInPage extends SitePage {
  protected readonly path = '/signin';
  readonly username: Locator;
  readonly submit: Locator;

  constructor(page: Page, siteId: string, t?: Messages) {
    super(page, siteId, t);
    this.username = this.main.getByRole('textbox', { name: this.t.signin.username, exact: true });
    this.submit = this.main.getByRole('button', { name: this.t.signin.submit });
  }
}
