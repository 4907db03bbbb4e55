import { generateKeyPairSync } from 'node:crypto';
import { isoCBOR } from '@simplewebauthn/server/helpers';
import { describe, expect, it } from 'vitest';
import { unusablePublicKey } from './public-key';

type CoseMap = Map<number, number | Uint8Array>;

function encode(key: CoseMap): Uint8Array<ArrayBuffer> {
  return new Uint8Array(isoCBOR.encode(key as never));
}

/** An ES256 P-256 key as authenticators send it: kty 2, alg -7, crv 1, x, y. */
function es256(): CoseMap {
  const jwk = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' });
  return new Map<number, number | Uint8Array>([[1, 2], [3, -7], [-1, 1], [-2, Buffer.from(jwk.x ?? '', 'base64url')], [-3, Buffer.from(jwk.y ?? '', 'base64url')]]);
}

function rs256(bits: number): CoseMap {
  const jwk = generateKeyPairSync('rsa', { modulusLength: bits }).publicKey.export({ format: 'jwk' });
  return new Map<number, number | Uint8Array>([[1, 3], [3, -257], [-1, Buffer.from(jwk.n ?? '', 'base64url')], [-2, Buffer.from(jwk.e ?? '', 'base64url')]]);
}

describe('unusablePublicKey', () => {
  it('accepts ES256 on P-256 and RS256 with a 2048-bit modulus', () => {
    expect(unusablePublicKey(encode(es256()))).toBeNull();
    expect(unusablePublicKey(encode(rs256(2048)))).toBeNull();
  });

  it('refuses a point that is not on the curve', () => {
    const key = es256();
    key.set(-3, Buffer.alloc(32, 1));
    expect(unusablePublicKey(encode(key))).toMatch(/does not import/);
  });

  it('refuses a truncated coordinate', () => {
    const key = es256();
    key.set(-2, Buffer.alloc(31, 7));
    expect(unusablePublicKey(encode(key))).toMatch(/does not import/);
  });

  it('refuses coordinates and moduli that are not byte strings (found by the fuzz suite: a 500 before)', () => {
    expect(unusablePublicKey(encode(es256().set(-2, -7)))).toMatch(/does not import/);
    expect(unusablePublicKey(encode(rs256(2048).set(-1, 1)))).toMatch(/under 2048 bits/);
  });

  it('refuses an EC2 key on another curve or for another algorithm', () => {
    expect(unusablePublicKey(encode(es256().set(-1, 2)))).toMatch(/not ES256 on P-256/);
    expect(unusablePublicKey(encode(es256().set(3, -35)))).toMatch(/not ES256 on P-256/);
  });

  it('refuses an RSA modulus under 2048 bits', () => {
    expect(unusablePublicKey(encode(rs256(1024)))).toMatch(/under 2048 bits/);
  });

  it('refuses key types the options never offer, and bytes that are no COSE key', () => {
    expect(unusablePublicKey(encode(new Map<number, number | Uint8Array>([[1, 1], [3, -8], [-1, 6], [-2, Buffer.alloc(32)]])))).toMatch(/key type 1 is not offered/);
    expect(unusablePublicKey(new Uint8Array([0xff, 0x00, 0x13]))).toBe('not a COSE key');
  });
});
