/**
 * Headers on every response of every site (set by proxy.ts). With related origins one RP ID
 * serves the whole family, so a page of any site that could be framed or scripted by someone
 * else could run ceremonies for all of them.
 *
 * Scripts run only with this response's nonce ('strict-dynamic' lets them load Next.js's chunks),
 * never inline script an attacker could inject: no 'unsafe-inline'. Next.js puts the nonce on its
 * own scripts when it renders a page for a request whose CSP header carries one, which is why the
 * site pages are rendered per request rather than prerendered (README, Security: the choice and
 * its measured cost). Styles keep 'unsafe-inline': the theme is a style attribute, and CSS cannot
 * run script. Responses that are not pages (JSON, the well-known file, the unknown-host page) get
 * no script at all.
 */
export function contentSecurityPolicy({ nonce, dev }: { nonce?: string; dev: boolean }): string {
  // React's development build evaluates code for its debugging aids; the production build never does.
  const scripts = nonce ? `'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}` : "'none'";
  return [
    "default-src 'self'",
    `script-src ${scripts}`,
    "style-src 'self' 'unsafe-inline'",
    // Passkey provider icons from the AAGUID list are data: URIs.
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
    "form-action 'self'",
  ].join('; ');
}

/** A fresh nonce for one page response: 128 random bits. */
export function scriptNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
}

/**
 * Passkeys on this origin only (never in a frame of another site); Bluetooth only where the
 * cross-device readiness check asks whether this computer has an adapter (the sign-in page), and
 * nothing else the sites never use.
 */
function permissionsPolicy(bluetooth: boolean): string {
  return [
    'publickey-credentials-get=(self)',
    'publickey-credentials-create=(self)',
    `bluetooth=${bluetooth ? '(self)' : '()'}`,
    'camera=()',
    'microphone=()',
    'geolocation=()',
    'payment=()',
  ].join(', ');
}

/** A year; no includeSubDomains, which would bind hosts of the deployer's that this app does not serve. */
const HSTS = 'max-age=31536000';

export function securityHeaders({ https, csp, bluetooth = false }: { https: boolean; csp: string; bluetooth?: boolean }): Record<string, string> {
  return {
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'permissions-policy': permissionsPolicy(bluetooth),
    'x-frame-options': 'DENY',
    ...(https && { 'strict-transport-security': HSTS }),
  };
}
