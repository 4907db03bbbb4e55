import type { Locator, Page } from '@playwright/test';
import { format, type Messages } from '@/lib/i18n/messages';
import { siteById } from '@/lib/sites/config';
import type { WalkthroughStepId } from '@/lib/walkthrough/steps';
import { SitePage } from './site-page';

/** /walkthrough: the numbered steps, their Done badges (from the server's progress), the links between sites, Start over. */
export class WalkthroughPage extends SitePage {
  protected readonly path = '/walkthrough';
  readonly steps: Locator;
  readonly startOver: Locator;

  constructor(page: Page, siteId: string, t?: Messages) {
    super(page, siteId, t);
    this.steps = this.main.getByRole('list', { name: this.t.walkthrough.stepsLabel });
    this.startOver = this.main.getByRole('button', { name: this.t.walkthrough.startOver, exact: true });
  }

  step(id: WalkthroughStepId): Locator {
    return this.steps.locator(`:scope > li[data-step="${id}"]`);
  }

  /** The Done badge of a step, which the page shows only from the server's progress. */
  doneBadge(id: WalkthroughStepId): Locator {
    return this.step(id).getByText(this.t.walkthrough.done, { exact: true });
  }

  /** The ids of the steps shown Done, in order; null until the page has read the progress. */
  async doneSteps(): Promise<string[] | null> {
    const states = await this.steps.locator(':scope > li').evaluateAll((items) => items.map((item) => ({ id: item.getAttribute('data-step') ?? '', state: item.getAttribute('data-state') })));
    if (states.length === 0 || states.some(({ state }) => state === 'unknown')) return null;
    return states.filter(({ state }) => state === 'done').map(({ id }) => id);
  }

  /** A step's link to its own site, which carries this browser's trail there (POST /api/walkthrough/handoff). */
  continueOn(id: WalkthroughStepId, siteId: string): Locator {
    const host = siteById(siteId)?.hostnames[0] ?? siteId;
    return this.step(id).getByRole('link', { name: format(this.t.walkthrough.continueOn, { host }) });
  }

  /** A step's link to the page of this site where it is done. */
  action(id: WalkthroughStepId, label: string): Locator {
    return this.step(id).getByRole('link', { name: label, exact: true });
  }

  /** Start over, confirmed; resolves once the page has reloaded after clearing, as it does. */
  async confirmStartOver(): Promise<void> {
    await this.startOver.click();
    const reloaded = this.page.waitForEvent('load');
    await this.main.getByRole('button', { name: this.t.walkthrough.startOverYes }).click();
    await reloaded;
  }
}
