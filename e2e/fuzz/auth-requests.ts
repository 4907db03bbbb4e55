import fc from 'fast-check';
import { hostileString } from './hostile';
import type { RawRequest } from './send';

/**
 * Requests to Auth.js's routes (/api/auth/*). The app configures no provider, so every
 * provider-shaped path (callback/x, signin/x) must be refused calmly, and a session cookie
 * must never be ended or minted without the CSRF token Auth.js issued with it.
 */
export interface AuthRequestCase {
  method: string;
  route: string;
  query: [string, string][];
  host: string;
  body: { kind: 'none' } | { kind: 'form'; fields: [string, string][] } | { kind: 'json'; text: string } | { kind: 'raw'; text: string };
  contentType: string | null;
  /** Whether to send the session cookie of the suite's own signed-in account (with a forged CSRF token, if any). */
  withSession: boolean;
  /** A cookie header added as is: forged session or CSRF cookies. */
  cookie: string | null;
}

/** Every byte percent-encoded: encodeURIComponent throws on a lone surrogate, which is the point here. */
export function percentEncode(text: string): string {
  return Array.from(Buffer.from(text, 'utf8'), (byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');
}

const ROUTES = ['session', 'csrf', 'providers', 'signin', 'signout', 'error', 'verify-request', 'callback', 'webauthn-options', ''];

const route = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...ROUTES) },
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom('callback', 'signin', 'webauthn-options', 'session', 'signout'), fc.constantFrom('credentials', 'passkey', 'webauthn', 'google', 'email', '..', '%2e%2e', '%00', 'x'.repeat(300))).map(([a, b]) => `${a}/${b}`) },
  { weight: 1, arbitrary: hostileString.map(percentEncode) },
);

const queryValue = fc.oneof(
  fc.constantFrom('https://evil.test/', '//evil.test', '/\\evil.test', 'javascript:alert(1)', 'https://example.com.evil.test', '/account', 'Configuration', 'AccessDenied', 'Verification', 'Default', 'OAuthCallbackError', 'CredentialsSignin', 'true', ''),
  hostileString,
);

const forgedCookie = fc.constantFrom(
  '__Host-authjs.session-token=garbage',
  '__Host-authjs.session-token=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2Q0JDLUhTNTEyIn0..AAAA.BBBB.CCCC',
  '__Host-authjs.csrf-token=abc%7Cdef',
  '__Host-authjs.csrf-token=' + 'a'.repeat(64) + '%7C' + 'b'.repeat(64),
  '__Secure-authjs.callback-url=https%3A%2F%2Fevil.test',
  '__Secure-authjs.callback-url=%00not%20a%20url',
  'authjs.session-token=x; authjs.csrf-token=y',
  '__Host-authjs.session-token.0=a; __Host-authjs.session-token.1=b',
);

export function authRequestCase(hosts: string[]): fc.Arbitrary<AuthRequestCase> {
  return fc.record({
    method: fc.oneof({ weight: 4, arbitrary: fc.constantFrom('GET', 'POST') }, { weight: 1, arbitrary: fc.constantFrom('PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD') }),
    route,
    query: fc.array(fc.tuple(fc.constantFrom('callbackUrl', 'error', 'csrf', 'json', 'code', 'state', 'redirect', 'provider'), queryValue), { maxLength: 3 }),
    host: fc.constantFrom(...hosts),
    body: fc.oneof(
      fc.constant({ kind: 'none' as const }),
      fc.array(fc.tuple(fc.constantFrom('csrfToken', 'callbackUrl', 'json', 'redirect', 'username', 'id'), queryValue), { maxLength: 4 }).map((fields) => ({ kind: 'form' as const, fields })),
      fc.oneof(fc.constantFrom('{}', '{"csrfToken":"x"}', '[]', 'null'), hostileString.map((s) => JSON.stringify({ csrfToken: s }))).map((text) => ({ kind: 'json' as const, text })),
      hostileString.map((text) => ({ kind: 'raw' as const, text })),
    ),
    contentType: fc.constantFrom('application/x-www-form-urlencoded', 'application/json', 'multipart/form-data; boundary=x', 'text/plain', null),
    withSession: fc.boolean(),
    cookie: fc.option(forgedCookie, { nil: null }),
  });
}

export function authRawRequest(c: AuthRequestCase, sessionCookie: string): RawRequest {
  const query = c.query.length ? `?${new URLSearchParams(c.query).toString()}` : '';
  const body =
    c.body.kind === 'none' || c.method === 'GET' || c.method === 'HEAD'
      ? undefined
      : Buffer.from(c.body.kind === 'form' ? new URLSearchParams(c.body.fields).toString() : c.body.text, 'utf8');
  const cookies = [c.withSession ? sessionCookie : undefined, c.cookie ?? undefined].filter((v): v is string => v !== undefined);
  return {
    method: c.method,
    path: `/api/auth/${c.route}${query}`,
    host: c.host,
    headers: {
      ...(body !== undefined && c.contentType !== null ? { 'content-type': c.contentType } : {}),
      ...(cookies.length ? { cookie: cookies.join('; ') } : {}),
    },
    body,
  };
}
