import { relatedOrigins } from '@/lib/sites/config';

// Built once from sites.config.ts; the proxy routes only the RP ID host's
// /.well-known/webauthn here, and never redirects it (browsers do not follow that). Cached for
// minutes, so a site added to the list is accepted soon after a deploy.
export const dynamic = 'force-static';

export function GET() {
  return Response.json(
    { origins: relatedOrigins() },
    { headers: { 'cache-control': 'public, max-age=300, stale-while-revalidate=300' } },
  );
}
