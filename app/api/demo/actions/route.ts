import { z } from 'zod';
import { jsonRoute } from '@/lib/api/json-route';
import { ApiError } from '@/lib/api/errors';
import { currentSession } from '@/lib/auth/current-session';
import { DEMO_ACTIONS } from '@/lib/sites/schema';
import { relyingPartyFor } from '@/lib/webauthn/relying-party';

const body = z.strictObject({ action: z.enum(DEMO_ACTIONS) });

/**
 * The home pages' action (redeem points, add to basket): something a site lets only a signed-in
 * person do, so the demo can show signing in on the spot. It changes nothing; the point is who
 * may ask.
 */
export const POST = jsonRoute(body, async (request, { action }) => {
  const { site } = relyingPartyFor(request);
  if (action !== site.demoAction) throw new ApiError('INVALID_REQUEST', `Invalid action: ${site.name} offers "${site.demoAction}".`);
  if (!(await currentSession())) throw new ApiError('NOT_SIGNED_IN');
  return Response.json({ action, done: true }, { headers: { 'cache-control': 'no-store' } });
});
