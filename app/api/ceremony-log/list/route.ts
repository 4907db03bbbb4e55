import { z } from 'zod';
import { jsonRoute } from '@/lib/api/json-route';
import { trailResponse } from '@/lib/ceremony-log/ceremony-route';
import { trailEntries } from '@/lib/ceremony-log/read';
import { existingBinding } from '@/lib/webauthn/browser-binding';
import { relyingPartyFor } from '@/lib/webauthn/relying-party';

/** This browser's ceremony log on every site of its trail, newest first (none without a binding). */
export const POST = jsonRoute(z.strictObject({}), async (request) => {
  relyingPartyFor(request);
  const bindingHash = existingBinding(request);
  return trailResponse({ entries: bindingHash ? await trailEntries(bindingHash) : [] });
});
