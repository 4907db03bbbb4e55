import { z } from 'zod';
import { signedOutResponse } from '@/lib/api/ceremony-response';
import { jsonRoute } from '@/lib/api/json-route';
import { sessionIdFromCookie } from '@/lib/auth/session-cookie';
import { startOver } from '@/lib/ceremony-log/trails';
import { existingBinding } from '@/lib/webauthn/browser-binding';
import { relyingPartyFor } from '@/lib/webauthn/relying-party';

/**
 * Start over: clears this browser's walkthrough progress and log on every site of its trail, and
 * signs it out everywhere it signed in (this site's cookie is deleted; the others' sessions end).
 */
export const POST = jsonRoute(z.strictObject({}), async (request) => {
  relyingPartyFor(request);
  await startOver(existingBinding(request), await sessionIdFromCookie(request));
  return signedOutResponse({ cleared: true });
});
