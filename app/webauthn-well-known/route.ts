import { relatedOrigins } from '@/lib/sites/config';

// Built once from sites.config.ts; the proxy routes only the RP ID host's
// /.well-known/webauthn here, and never redirects it (browsers do not follow that).
export const dynamic = 'force-static';

// Chromium keeps its fetch of this file in the HTTP cache. Deployed, minutes of caching are fine:
// a site added to the list is accepted soon after the deploy. Under `next dev` the list changes
// the moment sites.config.ts is saved (the walkthrough's step 5), so the browser must ask again
// every time, or it would go on refusing a site just listed.
const CACHE_CONTROL = process.env.NODE_ENV === 'development' ? 'no-cache' : 'public, max-age=300, stale-while-revalidate=300';

export function GET() {
  return Response.json({ origins: relatedOrigins() }, { headers: { 'cache-control': CACHE_CONTROL } });
}
