import 'server-only';
import { createPublicKey, type JsonWebKey } from 'node:crypto';
import { cose, decodeCredentialPublicKey } from '@simplewebauthn/server/helpers';

/** RSA moduli below this are refused (NIST SP 800-131A). */
const MIN_RSA_MODULUS_BITS = 2048;

/**
 * Why a credential public key cannot verify anything, or null when it can. SimpleWebAuthn checks
 * the algorithm named in the key, not the key itself; with "none" attestation nothing has used it
 * yet, so a point off the curve or a truncated modulus would be stored and fail at every
 * sign-in. The key is decoded with SimpleWebAuthn's helpers and imported by Node's crypto, which
 * validates it; only the algorithms the options offer (ES256 on P-256, RS256) pass.
 */
export function unusablePublicKey(publicKey: Uint8Array<ArrayBuffer>): string | null {
  let key: ReturnType<typeof decodeCredentialPublicKey>;
  try {
    key = decodeCredentialPublicKey(publicKey);
  } catch {
    return 'not a COSE key';
  }
  // CBOR lets any member be of any type: a coordinate that is not a byte string imports as nothing.
  const bytes = (value: unknown) => (value instanceof Uint8Array ? Buffer.from(value).toString('base64url') : '');
  let jwk: JsonWebKey;
  if (cose.isCOSEPublicKeyEC2(key)) {
    if (key.get(cose.COSEKEYS.alg) !== cose.COSEALG.ES256 || key.get(cose.COSEKEYS.crv) !== cose.COSECRV.P256) return 'EC2 key that is not ES256 on P-256';
    jwk = { kty: 'EC', crv: 'P-256', x: bytes(key.get(cose.COSEKEYS.x)), y: bytes(key.get(cose.COSEKEYS.y)) };
  } else if (cose.isCOSEPublicKeyRSA(key)) {
    if (key.get(cose.COSEKEYS.alg) !== cose.COSEALG.RS256) return 'RSA key that is not RS256';
    const modulus = key.get(cose.COSEKEYS.n);
    if (!(modulus instanceof Uint8Array) || modulus.length * 8 < MIN_RSA_MODULUS_BITS) return `RSA modulus under ${MIN_RSA_MODULUS_BITS} bits`;
    jwk = { kty: 'RSA', n: bytes(modulus), e: bytes(key.get(cose.COSEKEYS.e)) };
  } else {
    return `key type ${String(key.get(cose.COSEKEYS.kty))} is not offered`;
  }
  try {
    createPublicKey({ format: 'jwk', key: jwk });
    return null;
  } catch (error) {
    return `does not import: ${error instanceof Error ? error.message : String(error)}`;
  }
}
