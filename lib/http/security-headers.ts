/**
 * Headers on every response of every site (set by proxy.ts). With related origins one RP ID
 * serves the whole family, so a page of any site that could be framed or scripted by someone
 * else could run ceremonies for all of them.
 *
 * The CSP locks what needs no per-page knowledge: nobody may frame the sites, no plugins, no
 * <base> rewriting, forms post only to this origin. Scripts are not restricted by it yet: Next.js
 * inlines its RSC payload in <script> tags of the prerendered pages, which a script-src without
 * 'unsafe-inline' would need per-request nonces (making every page dynamic) or per-page hashes
 * for (see README, Security).
 */
const CONTENT_SECURITY_POLICY = ["frame-ancestors 'none'", "base-uri 'none'", "object-src 'none'", "form-action 'self'"].join('; ');

/**
 * Passkeys on this origin only (never in a frame of another site); no Bluetooth (the
 * cross-device check, when it exists, will allow it on its page only), and nothing else the
 * sites never use.
 */
const PERMISSIONS_POLICY = [
  'publickey-credentials-get=(self)',
  'publickey-credentials-create=(self)',
  'bluetooth=()',
  'camera=()',
  'microphone=()',
  'geolocation=()',
  'payment=()',
].join(', ');

/** A year; no includeSubDomains, which would bind hosts of the deployer's that this app does not serve. */
const HSTS = 'max-age=31536000';

export function securityHeaders({ https }: { https: boolean }): Record<string, string> {
  return {
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'permissions-policy': PERMISSIONS_POLICY,
    'x-frame-options': 'DENY',
    ...(https && { 'strict-transport-security': HSTS }),
  };
}
