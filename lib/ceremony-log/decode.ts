import 'server-only';
import { createHash } from 'node:crypto';
import {
  convertAAGUIDToString,
  decodeAttestationObject,
  decodeClientDataJSON,
  decodeCredentialPublicKey,
  isoBase64URL,
  parseAuthenticatorData,
} from '@simplewebauthn/server/helpers';
import { passkeyProvider } from '@/lib/webauthn/aaguids';
import type { CeremonyKind, CeremonyLogEntry } from './entry';

/** What the log shows of a response posted to a verify route; each part is absent when it cannot be read. */
export type DecodedResponse = Pick<CeremonyLogEntry, 'clientData' | 'authenticatorData' | 'attestation' | 'credential'>;

/** Where a response's RP ID hash may point: the family's RP ID first, then every hostname it serves. */
export interface RpIdCandidates {
  rpId: string;
  hostnames: readonly string[];
}

/** Strings from a response are the browser's (or an attacker's): kept short enough to show. */
const MAX_TEXT = 512;

/** COSE algorithm identifiers (IANA registry) an authenticator may attest, by name. */
const ALGORITHM_NAMES: Record<number, string> = {
  [-7]: 'ES256',
  [-8]: 'EdDSA',
  [-35]: 'ES384',
  [-36]: 'ES512',
  [-37]: 'PS256',
  [-38]: 'PS384',
  [-39]: 'PS512',
  [-257]: 'RS256',
  [-258]: 'RS384',
  [-259]: 'RS512',
};

export function algorithmName(algorithm: number): string {
  return ALGORITHM_NAMES[algorithm] ?? `COSE algorithm ${algorithm}`;
}

/**
 * Decodes a WebAuthn response as posted (RegistrationResponseJSON or AuthenticationResponseJSON)
 * with SimpleWebAuthn's helpers. Never throws: hostile input is expected here (the verify route
 * logs refusals too), and whatever part cannot be decoded is left out.
 */
export function decodeCeremonyResponse(kind: CeremonyKind, response: unknown, candidates: RpIdCandidates): DecodedResponse {
  if (!isRecord(response)) return {};
  const inner = isRecord(response.response) ? response.response : {};
  const decoded: DecodedResponse = {};

  const clientData = attempt(() => readClientData(inner.clientDataJSON));
  if (clientData) decoded.clientData = clientData;

  if (kind === 'registration') {
    const attestation = attempt(() => decodeAttestationObject(isoBase64URL.toBuffer(text(inner.attestationObject) ?? '')));
    const authData = attempt(() => attestation?.get('authData'));
    const parsed = authData instanceof Uint8Array ? attempt(() => parseAuthenticatorData(authData)) : undefined;
    if (parsed) decoded.authenticatorData = describeAuthenticatorData(parsed, candidates);
    const fmt = attempt(() => attestation?.get('fmt'));
    const publicKey = parsed?.credentialPublicKey;
    const algorithm = publicKey && attempt(() => decodeCredentialPublicKey(publicKey).get(3));
    if (typeof fmt === 'string' && typeof algorithm === 'number') {
      decoded.attestation = { fmt: fmt.slice(0, 32), algorithm, algorithmName: algorithmName(algorithm) };
    }
  } else {
    const authData = attempt(() => isoBase64URL.toBuffer(text(inner.authenticatorData) ?? ''));
    const parsed = authData && authData.length > 0 ? attempt(() => parseAuthenticatorData(authData)) : undefined;
    if (parsed) decoded.authenticatorData = describeAuthenticatorData(parsed, candidates);
  }

  const id = text(response.id);
  if (id) {
    const attachment = response.authenticatorAttachment;
    const transports = Array.isArray(inner.transports) ? inner.transports.filter((t): t is string => typeof t === 'string').slice(0, 16).map((t) => t.slice(0, 32)) : undefined;
    decoded.credential = {
      id: id.slice(0, 1400),
      ...(attachment === 'platform' || attachment === 'cross-platform' ? { authenticatorAttachment: attachment } : {}),
      ...(kind === 'registration' && transports ? { transports } : {}),
    };
  }
  return decoded;
}

function readClientData(value: unknown): DecodedResponse['clientData'] {
  const encoded = text(value);
  if (!encoded) return undefined;
  const data: unknown = decodeClientDataJSON(encoded);
  if (!isRecord(data)) return undefined;
  const { type, challenge, origin, crossOrigin, topOrigin } = data;
  if (typeof type !== 'string' || typeof challenge !== 'string' || typeof origin !== 'string') return undefined;
  return {
    type: type.slice(0, MAX_TEXT),
    challenge: challenge.slice(0, MAX_TEXT),
    origin: origin.slice(0, MAX_TEXT),
    ...(typeof crossOrigin === 'boolean' ? { crossOrigin } : {}),
    ...(typeof topOrigin === 'string' ? { topOrigin: topOrigin.slice(0, MAX_TEXT) } : {}),
  };
}

type Parsed = ReturnType<typeof parseAuthenticatorData>;

function describeAuthenticatorData(parsed: Parsed, candidates: RpIdCandidates): NonNullable<DecodedResponse['authenticatorData']> {
  const rpIdHash = Buffer.from(parsed.rpIdHash).toString('hex');
  const { up, uv, be, bs, at, ed } = parsed.flags;
  const aaguidBytes = parsed.aaguid;
  const aaguid = aaguidBytes && attempt(() => convertAAGUIDToString(aaguidBytes));
  const provider = aaguid ? passkeyProvider(aaguid) : null;
  return {
    rpIdHash,
    rpIdMatch: rpIdHashMatch(rpIdHash, candidates),
    flags: { up, uv, be, bs, at, ed },
    counter: parsed.counter,
    ...(aaguid ? { aaguid } : {}),
    ...(provider ? { provider: { name: provider.name } } : {}),
  };
}

/** The RP ID (or configured hostname) whose SHA-256 is this hash, the RP ID first; null when none is. */
export function rpIdHashMatch(rpIdHashHex: string, { rpId, hostnames }: RpIdCandidates): string | null {
  for (const candidate of [rpId, ...hostnames]) {
    if (createHash('sha256').update(candidate).digest('hex') === rpIdHashHex) return candidate;
  }
  return null;
}

function attempt<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
