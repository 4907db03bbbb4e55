import { z } from 'zod';
import { jsonRoute } from '@/lib/api/json-route';
import { trailResponse } from '@/lib/ceremony-log/ceremony-route';
import { readWalkthroughProgress } from '@/lib/walkthrough/read-progress';
import { existingBinding } from '@/lib/webauthn/browser-binding';
import { relyingPartyFor } from '@/lib/webauthn/relying-party';

/** The walkthrough's steps, each done or not by this browser's ceremony log (never by a tick). */
export const POST = jsonRoute(z.strictObject({}), async (request) => {
  relyingPartyFor(request);
  return trailResponse({ steps: await readWalkthroughProgress(existingBinding(request)) });
});
