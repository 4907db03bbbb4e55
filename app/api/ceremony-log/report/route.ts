import { jsonRoute } from '@/lib/api/json-route';
import { trailResponse } from '@/lib/ceremony-log/ceremony-route';
import { reportBody, reportBrowserError } from '@/lib/ceremony-log/report';
import { limitTrailWrite } from '@/lib/rate-limit/trail-limits';
import { ensureBinding } from '@/lib/webauthn/browser-binding';
import { relyingPartyFor } from '@/lib/webauthn/relying-party';

/** Records an error the browser raised before anything reached the server, and answers the entry. */
export const POST = jsonRoute(reportBody, async (request, body) => {
  const rp = relyingPartyFor(request);
  const binding = ensureBinding(request);
  await limitTrailWrite(request, binding, 'report');
  const entry = await reportBrowserError({ rp, bindingHash: binding.hash, body });
  return trailResponse({ entry }, { status: 201, binding });
});
