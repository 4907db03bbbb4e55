import { createHash, createSign, type KeyObject } from 'node:crypto';
import fc from 'fast-check';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { isoCBOR } from '@simplewebauthn/server/helpers';
import { bytesChange, cbor, cborValue, changeBytes, hostileCbor, type BytesChange, type CborValue } from './bytes';
import { hostileJson, hostileString, rawJsonText } from './hostile';

/**
 * Mutations of genuine WebAuthn responses, one field at a time, at every layer a server decodes:
 * the JSON body, the base64url text of each encoded field, the client data JSON, the
 * attestation object's CBOR, the authenticator data's bytes, the signature. A mutation is plain
 * data, independent of the response it is applied to, so fast-check can shrink and replay it
 * while each run applies it to a fresh ceremony.
 */

export type ValueChange = { kind: 'delete' } | { kind: 'set'; value: unknown };

export type TextChange =
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'truncate'; keep: number }
  | { kind: 'standard-base64' }
  | { kind: 'repeat'; times: number }
  | { kind: 'swap-case' };

export type ClientDataChange =
  | { kind: 'field'; key: string; change: ValueChange }
  | { kind: 'text'; text: string }
  | { kind: 'bytes'; change: BytesChange };

export type AuthDataChange =
  | { kind: 'flags'; set: number; clear: number }
  | { kind: 'counter'; value: number }
  | { kind: 'rp-id-hash'; of: string }
  | { kind: 'aaguid'; bytes: Uint8Array }
  | { kind: 'credential-id-length'; value: number }
  | { kind: 'cose-key'; label: number; change: { kind: 'delete' } | { kind: 'set'; value: CborValue } }
  | { kind: 'cose-key-bytes'; bytes: Uint8Array }
  | { kind: 'extensions'; bytes: Uint8Array }
  | { kind: 'bytes'; change: BytesChange };

export type AttestationChange =
  | { kind: 'field'; key: string; change: { kind: 'delete' } | { kind: 'set'; value: CborValue } }
  | { kind: 'bytes'; change: BytesChange };

/** Edits both ceremonies share: the JSON body, base64url texts, client data, authenticator data. */
export type CommonEdit =
  | { layer: 'json'; path: string[]; change: ValueChange }
  | { layer: 'text'; field: string; change: TextChange }
  | { layer: 'client-data'; change: ClientDataChange }
  | { layer: 'auth-data'; change: AuthDataChange };

export type RegistrationEdit = CommonEdit | { layer: 'attestation'; change: AttestationChange };

export type AuthenticationEdit = CommonEdit | { layer: 'signature'; change: BytesChange };

export interface RegistrationMutation {
  edits: RegistrationEdit[];
}

export interface AuthenticationMutation {
  edits: AuthenticationEdit[];
  /**
   * Sign the assertion again after the edits, so a changed client data or authenticator data
   * arrives with a valid signature and is judged on its content, as from a hostile
   * authenticator that holds the key.
   */
  resign: boolean;
}

const FLAG_UP = 0x01;
const FLAG_UV = 0x04;
const FLAG_AT = 0x40;
const FLAG_ED = 0x80;
/** rpIdHash (32) + flags (1) + signCount (4). */
const HEADER_LENGTH = 37;

// ---- Arbitraries ----

const fraction = fc.double({ min: 0, max: 1, noNaN: true });

const valueChange: fc.Arbitrary<ValueChange> = fc.oneof(
  { weight: 1, arbitrary: fc.constant({ kind: 'delete' as const }) },
  { weight: 4, arbitrary: hostileJson.map((value) => ({ kind: 'set' as const, value })) },
);

const textChange: fc.Arbitrary<TextChange> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fraction, text: fc.oneof(fc.constantFrom('=', '==', '+', '/', ' ', '\n', '.', '%3D', '\u0000', '\ud800', '\u202e', 'é'), hostileString) }),
  fc.record({ kind: fc.constant('truncate' as const), keep: fraction }),
  fc.constant({ kind: 'standard-base64' as const }),
  fc.record({ kind: fc.constant('repeat' as const), times: fc.constantFrom(2, 8, 64, 1_000) }),
  fc.constant({ kind: 'swap-case' as const }),
);

function jsonEdit(paths: string[][]): fc.Arbitrary<CommonEdit> {
  return fc.record({
    layer: fc.constant('json' as const),
    path: fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...paths) }, { weight: 1, arbitrary: fc.tuple(fc.constantFrom('response', ''), hostileString).map(([head, key]) => (head ? [head, key] : [key])) }),
    change: valueChange,
  });
}

/** Values chosen for each client data member: near misses of the right one, and wrong types. */
function clientDataValue(key: string, origins: string[]): fc.Arbitrary<unknown> {
  const specific: Record<string, fc.Arbitrary<unknown>> = {
    type: fc.constantFrom('webauthn.get', 'webauthn.create', 'payment.get', 'WEBAUTHN.GET', 'webauthn.get\u0000', ''),
    origin: fc.constantFrom(...origins, 'https://example.com:443', 'http://example.com', 'https://EXAMPLE.com', 'https://example.com.', 'https://example.com/', 'https://evil.test', 'https://example.com.evil.test', 'android:apk-key-hash:abc', 'null'),
    challenge: fc.constantFrom('', 'AAAA', 'AAAA=', 'a+b/c==', 'x'.repeat(129), 'x'.repeat(43)),
    crossOrigin: fc.constantFrom(true, 'true', 1, null, false),
    topOrigin: fc.constantFrom(...origins, 'https://evil.test', '', null, false),
  };
  return fc.oneof({ weight: 3, arbitrary: specific[key] ?? hostileJson }, { weight: 1, arbitrary: hostileJson });
}

function clientDataChange(origins: string[]): fc.Arbitrary<ClientDataChange> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom('type', 'challenge', 'origin', 'crossOrigin', 'topOrigin', 'tokenBinding', 'other_keys_can_be_added_here').chain((key) =>
      fc.oneof(
        { weight: 1, arbitrary: fc.constant({ kind: 'delete' as const }) },
        { weight: 5, arbitrary: clientDataValue(key, origins).map((value) => ({ kind: 'set' as const, value })) },
      ).map((change) => ({ kind: 'field' as const, key, change })),
    ) },
    { weight: 1, arbitrary: fc.oneof(rawJsonText, hostileString).map((text) => ({ kind: 'text' as const, text })) },
    { weight: 2, arbitrary: bytesChange.map((change) => ({ kind: 'bytes' as const, change })) },
  );
}

const FLAG_MASKS = [FLAG_UP, FLAG_UV, 0x08, 0x10, FLAG_AT, FLAG_ED, 0x02, 0x20, 0xff];

function authDataChange(ceremony: 'registration' | 'authentication'): fc.Arbitrary<AuthDataChange> {
  const common: fc.Arbitrary<AuthDataChange>[] = [
    fc.record({ kind: fc.constant('flags' as const), set: fc.constantFrom(0, ...FLAG_MASKS), clear: fc.constantFrom(0, ...FLAG_MASKS) }),
    fc.record({ kind: fc.constant('counter' as const), value: fc.constantFrom(0, 1, 2 ** 31, 2 ** 32 - 1) }),
    fc.record({ kind: fc.constant('rp-id-hash' as const), of: fc.constantFrom('example.co.uk', 'example-outlet.com', 'EXAMPLE.COM', 'example.com.', 'evil.test', '') }),
    fc.record({ kind: fc.constant('extensions' as const), bytes: fc.oneof(cborValue.map((value) => new Uint8Array(cbor(value))), hostileCbor) }),
    fc.record({ kind: fc.constant('bytes' as const), change: bytesChange }),
  ];
  if (ceremony === 'authentication') return fc.oneof(...common);
  return fc.oneof(
    ...common,
    fc.record({ kind: fc.constant('aaguid' as const), bytes: fc.uint8Array({ minLength: 16, maxLength: 16 }) }),
    fc.record({ kind: fc.constant('credential-id-length' as const), value: fc.constantFrom(0, 1, 31, 33, 1023, 1024, 65535) }),
    fc.record({
      kind: fc.constant('cose-key' as const),
      label: fc.constantFrom(1, 3, -1, -2, -3, -4, 2, 99),
      change: fc.oneof(
        fc.constant({ kind: 'delete' as const }),
        fc.oneof(fc.constantFrom<CborValue>(-7, -8, -35, -257, 0, 1, 2, 3, 4, 999_999, 'ES256'), cborValue).map((value) => ({ kind: 'set' as const, value })),
      ),
    }),
    fc.record({ kind: fc.constant('cose-key-bytes' as const), bytes: fc.oneof(hostileCbor, cborValue.map((value) => new Uint8Array(cbor(value)))) }),
  );
}

const attestationChange: fc.Arbitrary<AttestationChange> = fc.oneof(
  fc.record({
    kind: fc.constant('field' as const),
    key: fc.constantFrom('fmt', 'attStmt', 'authData', 'x5c'),
    change: fc.oneof(fc.constant({ kind: 'delete' as const }), cborValue.map((value) => ({ kind: 'set' as const, value }))),
  }),
  fc.record({ kind: fc.constant('bytes' as const), change: fc.oneof(bytesChange, hostileCbor.map((bytes) => ({ kind: 'replace' as const, bytes }))) }),
);

const REGISTRATION_PATHS = [
  ['response'],
  ['response', 'id'], ['response', 'rawId'], ['response', 'type'], ['response', 'clientExtensionResults'], ['response', 'authenticatorAttachment'], ['response', 'response'],
  ['response', 'response', 'clientDataJSON'], ['response', 'response', 'attestationObject'], ['response', 'response', 'transports'],
  ['response', 'response', 'publicKey'], ['response', 'response', 'publicKeyAlgorithm'], ['response', 'response', 'authenticatorData'],
  ['response', 'clientExtensionResults', 'credProps'], ['response', 'clientExtensionResults', 'appid'],
];

const AUTHENTICATION_PATHS = [
  ['response'],
  ['response', 'id'], ['response', 'rawId'], ['response', 'type'], ['response', 'clientExtensionResults'], ['response', 'authenticatorAttachment'], ['response', 'response'],
  ['response', 'response', 'clientDataJSON'], ['response', 'response', 'authenticatorData'], ['response', 'response', 'signature'], ['response', 'response', 'userHandle'],
  ['response', 'clientExtensionResults', 'appid'], ['response', 'clientExtensionResults', 'largeBlob'],
];

const REGISTRATION_ENCODED = ['id', 'rawId', 'clientDataJSON', 'attestationObject'];
const AUTHENTICATION_ENCODED = ['id', 'rawId', 'clientDataJSON', 'authenticatorData', 'signature', 'userHandle'];

function textEdit(fields: string[]): fc.Arbitrary<CommonEdit> {
  return fc.record({ layer: fc.constant('text' as const), field: fc.constantFrom(...fields), change: textChange });
}

/** One to two field edits of a registration response made on one of `origins`. */
export function registrationMutation(origins: string[]): fc.Arbitrary<RegistrationMutation> {
  const edit: fc.Arbitrary<RegistrationEdit> = fc.oneof(
    { weight: 3, arbitrary: jsonEdit(REGISTRATION_PATHS) },
    { weight: 2, arbitrary: textEdit(REGISTRATION_ENCODED) },
    { weight: 4, arbitrary: clientDataChange(origins).map((change) => ({ layer: 'client-data' as const, change })) },
    { weight: 2, arbitrary: attestationChange.map((change) => ({ layer: 'attestation' as const, change })) },
    { weight: 4, arbitrary: authDataChange('registration').map((change) => ({ layer: 'auth-data' as const, change })) },
  );
  return fc.record({ edits: fc.array(edit, { minLength: 1, maxLength: 2 }) });
}

/** One to two field edits of an assertion, re-signed or not. */
export function authenticationMutation(origins: string[]): fc.Arbitrary<AuthenticationMutation> {
  const edit: fc.Arbitrary<AuthenticationEdit> = fc.oneof(
    { weight: 3, arbitrary: jsonEdit(AUTHENTICATION_PATHS) },
    { weight: 2, arbitrary: textEdit(AUTHENTICATION_ENCODED) },
    { weight: 4, arbitrary: clientDataChange(origins).map((change) => ({ layer: 'client-data' as const, change })) },
    { weight: 3, arbitrary: authDataChange('authentication').map((change) => ({ layer: 'auth-data' as const, change })) },
    { weight: 1, arbitrary: bytesChange.map((change) => ({ layer: 'signature' as const, change })) },
  );
  return fc.record({ edits: fc.array(edit, { minLength: 1, maxLength: 2 }), resign: fc.boolean() });
}

/** A short name for an edit, to count which kinds of mutation the server still accepted. */
export function editName(edit: RegistrationEdit | AuthenticationEdit): string {
  switch (edit.layer) {
    case 'json': {
      const known = [...REGISTRATION_PATHS, ...AUTHENTICATION_PATHS].some((path) => path.join('.') === edit.path.join('.'));
      return `json ${known ? edit.path.join('.') : 'unknown member'} ${edit.change.kind}`;
    }
    case 'text':
      return `text ${edit.field} ${edit.change.kind}`;
    case 'client-data':
      return `client-data ${edit.change.kind === 'field' ? `${edit.change.key} ${edit.change.change.kind}` : edit.change.kind}`;
    case 'auth-data':
      return `auth-data ${edit.change.kind}${edit.change.kind === 'cose-key' ? ` ${edit.change.label} ${edit.change.change.kind}` : ''}`;
    case 'attestation':
      return `attestation ${edit.change.kind === 'field' ? `${edit.change.key} ${edit.change.change.kind}` : 'bytes'}`;
    case 'signature':
      return `signature ${edit.change.kind}`;
  }
}

// ---- Applying ----
// An edit applies to what the earlier ones left; one whose target an earlier edit removed or
// made undecodable changes nothing, so every generated mutation yields a body to send.

type Json = Record<string, unknown>;

function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function changeText(text: string, change: TextChange): string {
  switch (change.kind) {
    case 'insert': {
      const at = Math.floor(text.length * change.at);
      return text.slice(0, at) + change.text + text.slice(at);
    }
    case 'truncate':
      return text.slice(0, Math.floor(text.length * change.keep));
    case 'standard-base64':
      return Buffer.from(text, 'base64url').toString('base64');
    case 'repeat':
      return text.repeat(change.times);
    case 'swap-case':
      return text.replace(/[a-z]/gi, (c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()));
  }
}

function setPath(root: Json, path: string[], change: ValueChange): void {
  let node: unknown = root;
  for (const key of path.slice(0, -1)) node = isJson(node) ? node[key] : undefined;
  const last = path.at(-1);
  if (!isJson(node) || last === undefined) return;
  if (change.kind === 'delete') delete node[last];
  // defineProperty, so a key such as "__proto__" becomes an own member that JSON.stringify sends.
  else Object.defineProperty(node, last, { value: change.value, enumerable: true, writable: true, configurable: true });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** JSON.stringify, or undefined for a value nested deeper than it can recurse (a text made by an earlier edit). */
function stringifyJson(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}

function decodeCbor(bytes: Buffer): unknown {
  try {
    return isoCBOR.decodeFirst(new Uint8Array(bytes));
  } catch {
    return undefined;
  }
}

function changeClientData(encoded: string, change: ClientDataChange): string {
  const bytes = Buffer.from(encoded, 'base64url');
  if (change.kind === 'text') return Buffer.from(change.text, 'utf8').toString('base64url');
  if (change.kind === 'bytes') return changeBytes(bytes, change.change).toString('base64url');
  const data = parseJson(bytes.toString('utf8'));
  if (!isJson(data)) return encoded;
  setPath(data, [change.key], change.change);
  const text = stringifyJson(data);
  return text === undefined ? encoded : Buffer.from(text, 'utf8').toString('base64url');
}

function u16(value: number): Buffer {
  const buffer = Buffer.alloc(2);
  buffer.writeUInt16BE(value);
  return buffer;
}

/** The attested credential data of a registration's authenticator data, in its parts. */
function splitAttested(authData: Buffer): { aaguid: Buffer; idLength: Buffer; id: Buffer; key: Buffer } | undefined {
  const idStart = HEADER_LENGTH + 18;
  if (authData.length < idStart) return undefined;
  const idEnd = idStart + authData.readUInt16BE(HEADER_LENGTH + 16);
  return {
    aaguid: authData.subarray(HEADER_LENGTH, HEADER_LENGTH + 16),
    idLength: authData.subarray(HEADER_LENGTH + 16, idStart),
    id: authData.subarray(idStart, idEnd),
    key: authData.subarray(idEnd),
  };
}

function changeAuthData(authData: Buffer, change: AuthDataChange): Buffer {
  if (change.kind === 'bytes') return changeBytes(authData, change.change);
  if (authData.length < HEADER_LENGTH) return authData;
  const header = Buffer.from(authData.subarray(0, HEADER_LENGTH));
  const rest = authData.subarray(HEADER_LENGTH);
  switch (change.kind) {
    case 'flags':
      header[32] = ((header[32] ?? 0) | change.set) & ~change.clear & 0xff;
      return Buffer.concat([header, rest]);
    case 'counter':
      header.writeUInt32BE(change.value, 33);
      return Buffer.concat([header, rest]);
    case 'rp-id-hash':
      createHash('sha256').update(change.of).digest().copy(header, 0);
      return Buffer.concat([header, rest]);
    case 'extensions':
      header[32] = (header[32] ?? 0) | FLAG_ED;
      return Buffer.concat([header, rest, change.bytes]);
    case 'aaguid':
    case 'credential-id-length':
    case 'cose-key':
    case 'cose-key-bytes': {
      const parts = splitAttested(authData);
      if (!parts) return authData;
      if (change.kind === 'aaguid') return Buffer.concat([header, change.bytes, parts.idLength, parts.id, parts.key]);
      if (change.kind === 'credential-id-length') return Buffer.concat([header, parts.aaguid, u16(change.value), parts.id, parts.key]);
      if (change.kind === 'cose-key-bytes') return Buffer.concat([header, parts.aaguid, parts.idLength, parts.id, change.bytes]);
      const key = decodeCbor(parts.key);
      if (!(key instanceof Map)) return authData;
      if (change.change.kind === 'delete') key.delete(change.label);
      else key.set(change.label, change.change.value);
      return Buffer.concat([header, parts.aaguid, parts.idLength, parts.id, cbor(key as CborValue)]);
    }
  }
}

/** The attestation object's CBOR map, or undefined when an earlier edit broke it. */
function attestationMap(encoded: string): Map<string, CborValue> | undefined {
  const decoded = decodeCbor(Buffer.from(encoded, 'base64url'));
  return decoded instanceof Map ? (decoded as Map<string, CborValue>) : undefined;
}

function changeAttestation(encoded: string, edit: { layer: 'attestation'; change: AttestationChange } | { layer: 'auth-data'; change: AuthDataChange }): string {
  if (edit.layer === 'attestation' && edit.change.kind === 'bytes') return changeBytes(Buffer.from(encoded, 'base64url'), edit.change.change).toString('base64url');
  const attestation = attestationMap(encoded);
  if (!attestation) return encoded;
  if (edit.layer === 'auth-data') {
    const authData = attestation.get('authData');
    if (!(authData instanceof Uint8Array)) return encoded;
    attestation.set('authData', new Uint8Array(changeAuthData(Buffer.from(authData), edit.change)));
  } else if (edit.change.kind === 'field') {
    if (edit.change.change.kind === 'delete') attestation.delete(edit.change.key);
    else attestation.set(edit.change.key, edit.change.change.value);
  }
  return cbor(attestation).toString('base64url');
}

/** Applies an edit both ceremonies share; authenticator data lives in a different place in each. */
function applyCommon(body: Json, edit: CommonEdit, onAuthData: (inner: Json, change: AuthDataChange) => void): void {
  const credential = body.response;
  const inner = isJson(credential) ? credential.response : undefined;
  switch (edit.layer) {
    case 'json':
      setPath(body, edit.path, edit.change);
      return;
    case 'text': {
      const holder = edit.field === 'id' || edit.field === 'rawId' ? credential : inner;
      const value = isJson(holder) ? holder[edit.field] : undefined;
      if (isJson(holder) && typeof value === 'string') holder[edit.field] = changeText(value, edit.change);
      return;
    }
    case 'client-data':
      if (isJson(inner) && typeof inner.clientDataJSON === 'string') inner.clientDataJSON = changeClientData(inner.clientDataJSON, edit.change);
      return;
    case 'auth-data':
      if (isJson(inner)) onAuthData(inner, edit.change);
      return;
  }
}

/** The body a mutated registration sends: `{ response }` with the edits applied in order. */
export function mutateRegistration(genuine: RegistrationResponseJSON, mutation: RegistrationMutation): Json {
  const body: Json = { response: structuredClone(genuine) };
  for (const edit of mutation.edits) {
    if (edit.layer === 'attestation') {
      const inner = isJson(body.response) ? body.response.response : undefined;
      if (isJson(inner) && typeof inner.attestationObject === 'string') inner.attestationObject = changeAttestation(inner.attestationObject, edit);
    } else {
      applyCommon(body, edit, (inner, change) => {
        if (typeof inner.attestationObject === 'string') inner.attestationObject = changeAttestation(inner.attestationObject, { layer: 'auth-data', change });
      });
    }
  }
  return body;
}

/**
 * The body a mutated assertion sends. With `resign`, the (possibly changed) authenticator data
 * and client data are signed again with the credential's key before any signature edit.
 */
export function mutateAuthentication(genuine: AuthenticationResponseJSON, mutation: AuthenticationMutation, privateKey: KeyObject): Json {
  const body: Json = { response: structuredClone(genuine) };
  const signatureChanges: BytesChange[] = [];
  for (const edit of mutation.edits) {
    if (edit.layer === 'signature') signatureChanges.push(edit.change);
    else {
      applyCommon(body, edit, (inner, change) => {
        if (typeof inner.authenticatorData === 'string') inner.authenticatorData = changeAuthData(Buffer.from(inner.authenticatorData, 'base64url'), change).toString('base64url');
      });
    }
  }
  const inner = isJson(body.response) ? body.response.response : undefined;
  if (!isJson(inner) || typeof inner.authenticatorData !== 'string' || typeof inner.clientDataJSON !== 'string') return body;
  if (mutation.resign) {
    const signed = Buffer.concat([Buffer.from(inner.authenticatorData, 'base64url'), createHash('sha256').update(Buffer.from(inner.clientDataJSON, 'base64url')).digest()]);
    inner.signature = createSign('sha256').update(signed).sign(privateKey).toString('base64url');
  }
  for (const change of signatureChanges) {
    if (typeof inner.signature === 'string') inner.signature = changeBytes(Buffer.from(inner.signature, 'base64url'), change).toString('base64url');
  }
  return body;
}
