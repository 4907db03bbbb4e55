import { z } from 'zod';
import { jsonRoute } from '@/lib/api/json-route';
import { trailResponse } from '@/lib/ceremony-log/ceremony-route';
import { createHandoff } from '@/lib/ceremony-log/trails';
import { limitTrailWrite } from '@/lib/rate-limit/trail-limits';
import { siteById } from '@/lib/sites/config';
import { ensureBinding } from '@/lib/webauthn/browser-binding';
import { relyingPartyFor } from '@/lib/webauthn/relying-party';

const handoffBody = z.strictObject({
  site: z
    .string()
    .max(64)
    .transform((id, context) => siteById(id) ?? (context.addIssue({ code: 'custom', message: 'must be the id of a configured site' }), z.NEVER)),
});

/**
 * A walkthrough link to another site of the family that carries this browser's trail there:
 * binding cookies are per host, so without it the other site could not tell it is the same browser.
 */
export const POST = jsonRoute(handoffBody, async (request, body) => {
  relyingPartyFor(request);
  const binding = ensureBinding(request);
  await limitTrailWrite(request, binding, 'handoff');
  const token = await createHandoff(binding.hash);
  const url = new URL(`https://${body.site.hostnames[0]}/walkthrough`);
  url.searchParams.set('join', token);
  return trailResponse({ url: url.toString() }, { binding });
});
