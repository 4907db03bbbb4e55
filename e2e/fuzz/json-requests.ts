import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { MAX_BODY_BYTES } from '@/lib/api/limits';
import { hostileJson, hostileString, rawJsonText } from './hostile';
import type { RawRequest } from './send';

export const JSON_ENDPOINTS = [
  '/api/webauthn/registration/options',
  '/api/webauthn/registration/verify',
  '/api/webauthn/authentication/options',
  '/api/webauthn/authentication/verify',
  '/api/account/passkeys/rename',
  '/api/account/sign-out',
  '/api/password/sign-up',
  '/api/password/sign-in',
  '/api/demo/actions',
  '/api/account/reauthenticate/options',
  '/api/account/reauthenticate/verify',
  '/api/account/reauthenticate/password',
  '/api/account/passkeys/delete',
  '/api/account/display-name',
  '/api/account/sessions/list',
  '/api/account/sessions/end',
  '/api/account/sessions/end-others',
  '/api/account/delete',
  '/api/ceremony-log/list',
  '/api/ceremony-log/report',
  '/api/walkthrough/progress',
  '/api/walkthrough/handoff',
  '/api/walkthrough/join',
  '/api/walkthrough/start-over',
] as const;

export type JsonEndpoint = (typeof JSON_ENDPOINTS)[number];

/** How the body's text becomes bytes on the wire, declared or not. */
export type Encoding = 'utf8' | 'utf8-bom' | 'utf16le-bom' | 'latin1' | 'invalid-utf8' | 'gzip-declared' | 'gzip-undeclared' | 'truncated';

/** Cookies a client may send with a ceremony: none, a stranger's, a malformed one, one reused by many. */
export type CookieChoice = { kind: 'none' } | { kind: 'fresh-binding' } | { kind: 'shared-binding'; index: number } | { kind: 'raw'; value: string };

/** One request to a JSON endpoint, built from scratch: no ceremony behind it. */
export interface JsonRequestCase {
  endpoint: JsonEndpoint;
  host: string;
  body: string;
  contentType: string | null;
  encoding: Encoding;
  chunked: boolean;
  cookie: CookieChoice;
  /** The address the test stack's trusted client-address header claims, if any. */
  clientAddress: string | null;
  /** Pads the body with whitespace to this many bytes: just under or over the cap. */
  padTo: number | null;
}

const CONTENT_TYPES = [
  'application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON', 'application/json;charset=utf-16', 'application/json; charset="latin1"',
  'application/json ; x=y', 'application/jsonx', 'application/json-patch+json', 'application/vnd.api+json', 'text/json', 'text/plain', 'text/plain;charset=UTF-8',
  'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/octet-stream', 'application/cbor', '', '*/*', 'application/json\u00a0',
];

/** A password the rules may accept, so some password sign-ups and sign-ins reach the hash. */
const plausiblePassword = fc.string({ minLength: 8, maxLength: 40 });

/** A username the server may accept, so some sign-ups from scratch reach the database. */
const plausibleUsername = fc.stringMatching(/^[a-z][a-z0-9._-]{2,20}$/).map((name) => `fz-${name}`.slice(0, 32));

/** Base64url of random bytes: the alphabet of credential ids and session handles. */
const base64url = (minLength: number, maxLength: number) =>
  fc.base64String({ minLength, maxLength }).map((b) => b.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_'));

/** The shape of a session's handle: 16 bytes, base64url. None of them is a session of the suite's. */
const sessionHandle = fc.uint8Array({ minLength: 16, maxLength: 16 }).map((bytes) => Buffer.from(bytes).toString('base64url'));

/** Mostly `{}`, sometimes stray keys: the endpoints that take an empty body. */
const emptyBody = fc.oneof({ weight: 3, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: fc.dictionary(hostileString, hostileJson, { maxKeys: 2 }) });

/** Mostly the right keys, with plausible values or hostile ones, sometimes an extra key. */
const shapedRecord = (fields: Record<string, fc.Arbitrary<unknown>>) => fc.record({ ...fields, extra: hostileJson }, { requiredKeys: [] });

/** A WebAuthn response of roughly the right shape, each member hostile or not. */
const ceremonyResponseBody = shapedRecord({
  response: fc.oneof(
    hostileJson,
    fc.record(
      {
        id: fc.oneof(hostileString, hostileJson),
        rawId: fc.oneof(hostileString, hostileJson),
        type: fc.oneof(fc.constant('public-key'), hostileJson),
        clientExtensionResults: hostileJson,
        authenticatorAttachment: fc.oneof(fc.constantFrom('platform', 'cross-platform'), hostileJson),
        response: fc.dictionary(
          fc.constantFrom('clientDataJSON', 'attestationObject', 'authenticatorData', 'signature', 'userHandle', 'transports', 'publicKey'),
          fc.oneof(hostileString, hostileJson, base64url(0, 200)),
        ),
      },
      { requiredKeys: [] },
    ),
  ),
});

const passwordBody = fc.oneof(
  // Mostly the right keys, so the rules, the hash and the throttle are reached too.
  { weight: 3, arbitrary: fc.record({ username: fc.oneof(plausibleUsername, hostileString), password: fc.oneof(plausiblePassword, hostileString) }) },
  {
    weight: 1,
    arbitrary: shapedRecord({ username: fc.oneof(plausibleUsername, hostileString, hostileJson), displayName: fc.oneof(hostileString, hostileJson), password: fc.oneof(hostileString, hostileJson, plausiblePassword) }),
  },
);

/** Each endpoint's bodies, shaped well enough to get past the body's shape some of the time. */
const SHAPED_BODIES: Record<JsonEndpoint, fc.Arbitrary<unknown>> = {
  '/api/webauthn/registration/options': shapedRecord({ username: fc.oneof(plausibleUsername, hostileString, hostileJson), displayName: fc.oneof(hostileString, hostileJson) }),
  '/api/webauthn/registration/verify': ceremonyResponseBody,
  '/api/webauthn/authentication/options': emptyBody,
  '/api/webauthn/authentication/verify': ceremonyResponseBody,
  '/api/account/passkeys/rename': shapedRecord({ passkeyId: fc.oneof(hostileString, hostileJson), name: fc.oneof(hostileString, hostileJson) }),
  '/api/account/sign-out': emptyBody,
  '/api/password/sign-up': passwordBody,
  '/api/password/sign-in': passwordBody,
  '/api/demo/actions': shapedRecord({ action: fc.oneof(fc.constantFrom('redeem-points', 'add-to-basket'), hostileString, hostileJson) }),
  // Without a session of the suite's, each of these must answer NOT_SIGNED_IN once the body passes.
  '/api/account/reauthenticate/options': emptyBody,
  '/api/account/reauthenticate/verify': ceremonyResponseBody,
  '/api/account/reauthenticate/password': shapedRecord({ password: fc.oneof(plausiblePassword, hostileString, hostileJson) }),
  '/api/account/passkeys/delete': shapedRecord({ passkeyId: fc.oneof(base64url(4, 64), hostileString, hostileJson) }),
  '/api/account/display-name': shapedRecord({ displayName: fc.oneof(hostileString, hostileJson, fc.constantFrom('Pat', ' ', 'a'.repeat(65))) }),
  '/api/account/sessions/list': emptyBody,
  '/api/account/sessions/end': shapedRecord({ handle: fc.oneof(sessionHandle, hostileString, hostileJson) }),
  '/api/account/sessions/end-others': emptyBody,
  '/api/account/delete': shapedRecord({ username: fc.oneof(plausibleUsername, hostileString, hostileJson) }),
  '/api/ceremony-log/list': emptyBody,
  '/api/ceremony-log/report': shapedRecord({
    kind: fc.oneof(fc.constantFrom('registration', 'authentication', 'reauthentication'), hostileJson),
    name: fc.oneof(fc.constantFrom('SecurityError', 'NotAllowedError', 'InvalidStateError'), hostileString, hostileJson),
    message: fc.oneof(hostileString, hostileJson),
    ui: fc.oneof(fc.constantFrom('button', 'autofill', 'immediate', 'phone', 'add-passkey'), hostileJson),
  }),
  '/api/walkthrough/progress': emptyBody,
  '/api/walkthrough/handoff': shapedRecord({ site: fc.oneof(fc.constantFrom('shop', 'uk', 'jp', 'rewards', 'outlet'), hostileString, hostileJson) }),
  // Never a token of the suite's: every join from scratch is refused.
  '/api/walkthrough/join': shapedRecord({ token: fc.oneof(fc.uint8Array({ minLength: 32, maxLength: 32 }).map((bytes) => Buffer.from(bytes).toString('base64url')), hostileString, hostileJson) }),
  '/api/walkthrough/start-over': emptyBody,
};

function endpointBody(endpoint: JsonEndpoint): fc.Arbitrary<string> {
  const anyValue = hostileJson.map((value) => JSON.stringify(value) ?? 'null');
  const shaped = SHAPED_BODIES[endpoint].map((value) => JSON.stringify(value) ?? 'null');
  return fc.oneof({ weight: 5, arbitrary: shaped }, { weight: 2, arbitrary: anyValue }, { weight: 2, arbitrary: rawJsonText });
}

export function jsonRequestCase(hosts: string[]): fc.Arbitrary<JsonRequestCase> {
  return fc.constantFrom(...JSON_ENDPOINTS).chain((endpoint) =>
    fc.record({
      endpoint: fc.constant(endpoint),
      host: fc.oneof(
        { weight: 12, arbitrary: fc.constantFrom(...hosts) },
        { weight: 2, arbitrary: fc.constantFrom('localhost', 'EXAMPLE.COM', 'example.com:443', 'example.com.') },
        { weight: 1, arbitrary: fc.constantFrom('evil.test', 'www.example.com.evil.test', 'sub.example.com') },
      ),
      body: endpointBody(endpoint),
      contentType: fc.oneof({ weight: 16, arbitrary: fc.constant('application/json') }, { weight: 3, arbitrary: fc.constantFrom(...CONTENT_TYPES) }, { weight: 1, arbitrary: fc.constant(null) }),
      encoding: fc.oneof(
        { weight: 8, arbitrary: fc.constant<Encoding>('utf8') },
        { weight: 3, arbitrary: fc.constantFrom<Encoding>('utf8-bom', 'utf16le-bom', 'latin1', 'invalid-utf8', 'gzip-declared', 'gzip-undeclared', 'truncated') },
      ),
      chunked: fc.boolean(),
      cookie: fc.oneof(
        { weight: 4, arbitrary: fc.constant<CookieChoice>({ kind: 'none' }) },
        { weight: 4, arbitrary: fc.constant<CookieChoice>({ kind: 'fresh-binding' }) },
        { weight: 3, arbitrary: fc.integer({ min: 0, max: 1 }).map((index): CookieChoice => ({ kind: 'shared-binding', index })) },
        {
          weight: 2,
          arbitrary: fc
            .oneof(
              fc.constantFrom('__Host-atlas-ceremony=', '__Host-atlas-ceremony=short', `__Host-atlas-ceremony=${'A'.repeat(43)}; __Host-atlas-ceremony=${'B'.repeat(43)}`),
              fc.constantFrom('__Host-authjs.session-token=garbage', '__Host-authjs.session-token=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2Q0JDLUhTNTEyIn0..x.y.z', '__Secure-authjs.session-token=x'),
              fc.string({ unit: fc.constantFrom('a', '=', ';', ' ', '"', ','), maxLength: 40 }),
              fc.constant(`__Host-atlas-ceremony=${'x'.repeat(4000)}`),
            )
            .map((value): CookieChoice => ({ kind: 'raw', value })),
        },
      ),
      clientAddress: fc.oneof(
        { weight: 6, arbitrary: fc.constant(null) },
        { weight: 2, arbitrary: fc.constantFrom('10.9.0.1', '10.9.0.2', '2001:db8::1', '::ffff:10.9.0.3') },
        { weight: 1, arbitrary: fc.constantFrom('', 'unknown', '1.2.3.4, 5.6.7.8', '999.1.1.1', 'x'.repeat(300), '::', ' 10.9.0.1 ') },
      ),
      padTo: fc.oneof({ weight: 9, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom(MAX_BODY_BYTES - 1, MAX_BODY_BYTES, MAX_BODY_BYTES + 1, 4 * MAX_BODY_BYTES) }),
    }),
  );
}

function encode(text: string, encoding: Encoding): { bytes: Buffer; headers: Record<string, string> } {
  switch (encoding) {
    case 'utf8':
      return { bytes: Buffer.from(text, 'utf8'), headers: {} };
    case 'utf8-bom':
      return { bytes: Buffer.concat([Buffer.of(0xef, 0xbb, 0xbf), Buffer.from(text, 'utf8')]), headers: {} };
    case 'utf16le-bom':
      return { bytes: Buffer.concat([Buffer.of(0xff, 0xfe), Buffer.from(text, 'utf16le')]), headers: {} };
    case 'latin1':
      return { bytes: Buffer.from(text, 'latin1'), headers: {} };
    case 'invalid-utf8': {
      // An overlong slash, a lone continuation byte and a truncated sequence, inside the text.
      const bytes = Buffer.from(text, 'utf8');
      const middle = Math.floor(bytes.length / 2);
      return { bytes: Buffer.concat([bytes.subarray(0, middle), Buffer.of(0xc0, 0xaf, 0x80, 0xff, 0xe2, 0x82), bytes.subarray(middle)]), headers: {} };
    }
    case 'gzip-declared':
      return { bytes: gzipSync(text), headers: { 'content-encoding': 'gzip' } };
    case 'gzip-undeclared':
      return { bytes: gzipSync(text), headers: {} };
    case 'truncated':
      return { bytes: Buffer.from(text, 'utf8').subarray(0, Math.floor(Buffer.byteLength(text) / 2)), headers: {} };
  }
}

/** The request on the wire; `cookieFor` turns the cookie choice into a Cookie header value. */
export function toRawRequest(c: JsonRequestCase, cookieFor: (choice: CookieChoice) => string | undefined): RawRequest {
  const padded = c.padTo !== null && Buffer.byteLength(c.body) < c.padTo ? c.body + ' '.repeat(c.padTo - Buffer.byteLength(c.body)) : c.body;
  const { bytes, headers } = encode(padded, c.encoding);
  const cookie = cookieFor(c.cookie);
  return {
    method: 'POST',
    path: c.endpoint,
    host: c.host,
    headers: {
      ...headers,
      ...(c.contentType === null ? {} : { 'content-type': c.contentType }),
      ...(cookie === undefined ? {} : { cookie }),
      ...(c.clientAddress === null ? {} : { 'x-test-client-ip': c.clientAddress }),
    },
    body: bytes,
    chunked: c.chunked,
  };
}
