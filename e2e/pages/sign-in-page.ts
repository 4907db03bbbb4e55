import type { Locator, Page } from '@playwright/test';
import type { Messages } from '@/lib/i18n/messages';
import { SitePage } from './site-page';

/** /signin: passkeys in the username field's autofill, the button for the browser's prompt, or a password. */
export class SignInPage extends SitePage {
  protected readonly path = '/signin';
  readonly username: Locator;
  readonly submit: Locator;
  readonly passwordForm: Locator;

  constructor(page: Page, siteId: string, t?: Messages) {
    super(page, siteId, t);
    const passkeyForm = this.main.getByRole('form', { name: this.t.signin.submit });
    this.username = passkeyForm.getByRole('textbox', { name: this.t.signin.username, exact: true });
    this.submit = passkeyForm.getByRole('button', { name: this.t.signin.submit });
    this.passwordForm = this.main.getByRole('form', { name: this.t.password.signIn });
  }

  async signInWithPassword(username: string, password: string): Promise<void> {
    await this.passwordForm.getByRole('textbox', { name: this.t.signin.username, exact: true }).fill(username);
    await this.passwordForm.getByLabel(this.t.password.password, { exact: true }).fill(password);
    await this.passwordForm.getByRole('button', { name: this.t.password.signIn }).click();
  }
}
