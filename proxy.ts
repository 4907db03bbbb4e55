import { NextResponse, type NextRequest } from 'next/server';
import { securityHeaders } from '@/lib/http/security-headers';
import { chooseLanguage } from '@/lib/i18n/language';
import { LANGUAGE_COOKIE } from '@/lib/i18n/languages';
import { unknownHostPage } from '@/lib/i18n/unknown-host-page';
import { siteConfig } from '@/lib/sites/config';
import { isLoopbackHost, resolveSite } from '@/lib/sites/resolve-site';

/** Every response of every site, page or API, leaves with the security headers. */
export function proxy(request: NextRequest) {
  const response = refusePageWrite(request) ?? route(request);
  const https = request.headers.get('x-forwarded-proto') === 'https' || request.nextUrl.protocol === 'https:';
  for (const [name, value] of Object.entries(securityHeaders({ https }))) response.headers.set(name, value);
  return response;
}

/**
 * Host routing: every request is resolved to a site and rewritten into app/[site]/[locale]/…,
 * so each site's pages are prerendered per language. API routes keep their paths and resolve
 * the site themselves through the same resolveSite().
 */
function route(request: NextRequest): NextResponse {
  const host = request.headers.get('host');
  const { pathname } = request.nextUrl;

  if (isLoopbackHost(host)) {
    if (pathname.startsWith('/api/')) return NextResponse.next();
    return rewrite(request, '/local');
  }

  const resolved = resolveSite(host);
  if (!resolved) {
    return new NextResponse(unknownHostPage(host ?? ''), {
      status: 404,
      headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
    });
  }
  const { site, hostname } = resolved;

  // Only the RP ID's own host: browsers fetch exactly https://{rpId}/.well-known/webauthn.
  if (pathname === '/.well-known/webauthn' && hostname === siteConfig.rpId) {
    return rewrite(request, '/webauthn-well-known');
  }
  if (pathname.startsWith('/api/')) return NextResponse.next();

  const language = chooseLanguage(site, request.cookies.get(LANGUAGE_COOKIE)?.value);
  return rewrite(request, `/${site.id}/${language}${pathname === '/' ? '' : pathname}`);
}

/**
 * An internal rewrite keeping the query. It starts from nextUrl, not request.url: behind a TLS
 * proxy request.url says https, and a rewrite to an origin other than the server's own would
 * be forwarded as an external request.
 */
function rewrite(request: NextRequest, pathname: string): NextResponse {
  const url = request.nextUrl.clone();
  url.pathname = pathname;
  return NextResponse.rewrite(url);
}

export const config = {
  // Everything but build assets: the well-known, pages, API routes and Next's RSC requests.
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};

/**
 * Pages only answer GET and HEAD. The app has no server actions (the account page's writes are
 * JSON routes), so a POST to a page can only be an action call naming an id that does not exist,
 * which Next.js answers with a 500 on some payloads before any code of ours runs.
 */
function refusePageWrite(request: NextRequest): NextResponse | undefined {
  if (request.method === 'GET' || request.method === 'HEAD' || request.nextUrl.pathname.startsWith('/api/')) return undefined;
  return new NextResponse('Pages only answer GET and HEAD.', { status: 405, headers: { allow: 'GET, HEAD', 'cache-control': 'no-store' } });
}
