/**
 * The workshop walkthrough's steps, in order, and the site each one happens on (ids from
 * sites.config.ts; `undefined` when any site will do). A step is done only when this browser's
 * ceremony log shows its real ceremony (lib/walkthrough/progress.ts), never by a self-reported tick.
 */
export const WALKTHROUGH_STEPS = [
  { id: 'create-account', site: 'rewards' },
  { id: 'sign-in-elsewhere', site: 'uk' },
  { id: 'session-per-site', site: 'jp' },
  { id: 'outlet-refused', site: 'outlet' },
  { id: 'outlet-listed', site: 'outlet' },
  { id: 'immediate', site: undefined },
  { id: 'cross-device', site: undefined },
  { id: 'manage', site: undefined },
] as const satisfies readonly { id: string; site: string | undefined }[];

export type WalkthroughStepId = (typeof WALKTHROUGH_STEPS)[number]['id'];

export interface WalkthroughStepProgress {
  id: WalkthroughStepId;
  done: boolean;
  /** When the ceremony that completed it happened (ISO). */
  doneAt?: string;
  /** The site it happens on, when it is a particular one. */
  site?: string;
}
