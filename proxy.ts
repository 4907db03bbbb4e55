import { NextResponse, type NextRequest } from 'next/server';
import { contentSecurityPolicy, scriptNonce, securityHeaders } from '@/lib/http/security-headers';
import { chooseLanguage } from '@/lib/i18n/language';
import { LANGUAGE_COOKIE } from '@/lib/i18n/languages';
import { unknownHostPage } from '@/lib/i18n/unknown-host-page';
import { siteConfig } from '@/lib/sites/config';
import { isLoopbackHost, resolveSite } from '@/lib/sites/resolve-site';

const DEV = process.env.NODE_ENV === 'development';

/** Every response of every site, page or API, leaves with the security headers. */
export function proxy(request: NextRequest) {
  const { response, csp } = refusePageWrite(request) ?? route(request);
  const https = request.headers.get('x-forwarded-proto') === 'https' || request.nextUrl.protocol === 'https:';
  // The cross-device check reads Web Bluetooth's availability on the sign-in page and the guide; no other page may.
  const bluetooth = request.nextUrl.pathname === '/signin' || request.nextUrl.pathname === '/guide/cross-device';
  for (const [name, value] of Object.entries(securityHeaders({ https, csp, bluetooth }))) response.headers.set(name, value);
  return response;
}

/** A response, and the content security policy it leaves with. */
interface Routed {
  response: NextResponse;
  csp: string;
}

/** What responses that are no page get: no script at all. */
const NO_SCRIPT = contentSecurityPolicy({ dev: DEV });

/**
 * Host routing: every request is resolved to a site and rewritten into app/[site]/[locale]/…,
 * so each site's pages are prerendered per language. API routes keep their paths and resolve
 * the site themselves through the same resolveSite().
 */
function route(request: NextRequest): Routed {
  const host = request.headers.get('host');
  const { pathname } = request.nextUrl;

  if (isLoopbackHost(host)) {
    if (pathname.startsWith('/api/')) return { response: NextResponse.next(), csp: NO_SCRIPT };
    return renderPage(request, '/local');
  }

  const resolved = resolveSite(host);
  if (!resolved) {
    const response = new NextResponse(unknownHostPage(host ?? ''), {
      status: 404,
      headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
    });
    return { response, csp: NO_SCRIPT };
  }
  const { site, hostname } = resolved;

  // Only the RP ID's own host: browsers fetch exactly https://{rpId}/.well-known/webauthn.
  if (pathname === '/.well-known/webauthn' && hostname === siteConfig.rpId) {
    return { response: NextResponse.rewrite(internalUrl(request, '/webauthn-well-known')), csp: NO_SCRIPT };
  }
  if (pathname.startsWith('/api/')) return { response: NextResponse.next(), csp: NO_SCRIPT };

  const language = chooseLanguage(site, request.cookies.get(LANGUAGE_COOKIE)?.value);
  return renderPage(request, `/${site.id}/${language}${pathname === '/' ? '' : pathname}`);
}

/**
 * A page, rendered for this request with a nonce of its own: the policy goes on the request too,
 * which is where Next.js reads the nonce it puts on its scripts.
 */
function renderPage(request: NextRequest, pathname: string): Routed {
  const csp = contentSecurityPolicy({ nonce: scriptNonce(), dev: DEV });
  const headers = new Headers(request.headers);
  headers.set('content-security-policy', csp);
  return { response: NextResponse.rewrite(internalUrl(request, pathname), { request: { headers } }), csp };
}

/**
 * The URL of an internal rewrite, keeping the query. It starts from nextUrl, not request.url:
 * behind a TLS proxy request.url says https, and a rewrite to an origin other than the server's
 * own would be forwarded as an external request.
 */
function internalUrl(request: NextRequest, pathname: string): URL {
  const url = request.nextUrl.clone();
  url.pathname = pathname;
  return url;
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
function refusePageWrite(request: NextRequest): Routed | undefined {
  if (request.method === 'GET' || request.method === 'HEAD' || request.nextUrl.pathname.startsWith('/api/')) return undefined;
  const response = new NextResponse('Pages only answer GET and HEAD.', { status: 405, headers: { allow: 'GET, HEAD', 'cache-control': 'no-store' } });
  return { response, csp: NO_SCRIPT };
}
