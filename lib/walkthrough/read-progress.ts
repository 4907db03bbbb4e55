import 'server-only';
import { trailMilestones } from '@/lib/ceremony-log/read';
import { walkthroughProgress } from './progress';
import type { WalkthroughStepProgress } from './steps';

/** The walkthrough's progress for the browser with this binding (none yet: nothing done). */
export async function readWalkthroughProgress(bindingHash: string | undefined): Promise<WalkthroughStepProgress[]> {
  return walkthroughProgress(bindingHash ? await trailMilestones(bindingHash) : []);
}
