import { z } from 'zod';
import { jsonRoute } from '@/lib/api/json-route';
import { trailResponse } from '@/lib/ceremony-log/ceremony-route';
import { joinTrail } from '@/lib/ceremony-log/trails';
import { limitTrailWrite } from '@/lib/rate-limit/trail-limits';
import { ensureBinding } from '@/lib/webauthn/browser-binding';
import { relyingPartyFor } from '@/lib/webauthn/relying-party';

const joinBody = z.strictObject({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'must be a walkthrough link token (43 base64url characters)') });

/** Follows a walkthrough link: this site's binding (made now if missing) joins the trail of the site that made it. */
export const POST = jsonRoute(joinBody, async (request, body) => {
  relyingPartyFor(request);
  const binding = ensureBinding(request);
  await limitTrailWrite(request, binding, 'join');
  await joinTrail(body.token, binding.hash);
  return trailResponse({ joined: true }, { binding });
});
