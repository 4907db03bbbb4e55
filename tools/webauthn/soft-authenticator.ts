import { createHash, createSign, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { isoCBOR } from '@simplewebauthn/server/helpers';

/**
 * A passkey provider in plain Node: ES256 keys, "none" attestation, real signatures. It lets
 * benchmarks and HTTP-level tests run thousands of genuine ceremonies without a browser, and
 * lets tests make responses no browser would (a counter going backwards, a changed backup flag).
 * Browser tests use Chromium's virtual authenticator instead.
 */

const FLAG_UP = 0x01;
const FLAG_UV = 0x04;
const FLAG_BE = 0x08;
const FLAG_BS = 0x10;
const FLAG_AT = 0x40;

export interface SoftCredential {
  id: Buffer;
  rpId: string;
  userHandle: Buffer;
  privateKey: KeyObject;
  publicKey: KeyObject;
  counter: number;
  backupEligible: boolean;
  backedUp: boolean;
}

export interface SoftAuthenticatorOptions {
  /** Reported in the attested credential data; all zeros, as "none" attestation allows. */
  aaguid?: string;
  /** Backup eligible and backed up (a synced passkey) unless told otherwise. */
  backupEligible?: boolean;
  /** Each assertion adds this to the counter; 0 means "no counter", as synced passkeys do. */
  counterStep?: number;
  /** Set the user-verified flag (a PIN or biometric check happened). */
  userVerified?: boolean;
}

/** Tweaks a test applies to one response, to make what a broken or hostile authenticator would. */
export interface AssertionOverrides {
  counter?: number;
  backupEligible?: boolean;
  backedUp?: boolean;
  userVerified?: boolean;
  userHandle?: string | null;
  origin?: string;
  type?: string;
}

export class SoftAuthenticator {
  readonly credentials: SoftCredential[] = [];
  private readonly aaguid: Buffer;
  private readonly backupEligible: boolean;
  private readonly counterStep: number;
  private readonly userVerified: boolean;

  constructor(options: SoftAuthenticatorOptions = {}) {
    this.aaguid = Buffer.from((options.aaguid ?? '00000000-0000-0000-0000-000000000000').replace(/-/g, ''), 'hex');
    this.backupEligible = options.backupEligible ?? true;
    this.counterStep = options.counterStep ?? 0;
    this.userVerified = options.userVerified ?? true;
  }

  /**
   * navigator.credentials.create() for these options, made on `origin`. With `reuse`, the new
   * registration carries that credential's id and key again, as a cloned or replaying
   * authenticator would send it.
   */
  create(options: PublicKeyCredentialCreationOptionsJSON, origin: string, reuse?: SoftCredential): RegistrationResponseJSON {
    const rpId = options.rp.id ?? new URL(origin).hostname;
    const { privateKey, publicKey } = reuse ?? generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const credential: SoftCredential = {
      id: reuse?.id ?? randomBytes(32),
      rpId,
      userHandle: Buffer.from(options.user.id, 'base64url'),
      privateKey,
      publicKey,
      counter: 0,
      backupEligible: this.backupEligible,
      backedUp: this.backupEligible,
    };
    const clientDataJSON = clientData('webauthn.create', options.challenge, origin);
    const authData = Buffer.concat([
      this.authDataHeader(credential, FLAG_AT),
      this.aaguid,
      u16(credential.id.length),
      credential.id,
      Buffer.from(isoCBOR.encode(coseKey(publicKey))),
    ]);
    const attestationObject = Buffer.from(isoCBOR.encode(new Map<string, unknown>([['fmt', 'none'], ['attStmt', new Map()], ['authData', authData]]) as never));
    this.credentials.push(credential);
    const id = credential.id.toString('base64url');
    return {
      id,
      rawId: id,
      type: 'public-key',
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
      response: {
        clientDataJSON: clientDataJSON.toString('base64url'),
        attestationObject: attestationObject.toString('base64url'),
        transports: ['internal', 'hybrid'],
      },
    };
  }

  /**
   * navigator.credentials.get() for these options, made on `origin`: the first stored credential
   * for the RP ID that allowCredentials permits (all of them when it is empty, as for discoverable
   * sign-in), or the one given.
   */
  get(options: PublicKeyCredentialRequestOptionsJSON, origin: string, overrides: AssertionOverrides & { credential?: SoftCredential } = {}): AuthenticationResponseJSON {
    const rpId = options.rpId ?? new URL(origin).hostname;
    const allowed = options.allowCredentials?.map((c) => c.id) ?? [];
    const credential =
      overrides.credential ??
      this.credentials.find((c) => c.rpId === rpId && (allowed.length === 0 || allowed.includes(c.id.toString('base64url'))));
    if (!credential) throw new Error(`NotAllowedError: no credential for ${rpId}`);

    credential.counter = overrides.counter ?? credential.counter + this.counterStep;
    const clientDataJSON = clientData(overrides.type ?? 'webauthn.get', options.challenge, overrides.origin ?? origin);
    const authData = this.authDataHeader(credential, 0, overrides);
    const signature = createSign('sha256')
      .update(Buffer.concat([authData, createHash('sha256').update(clientDataJSON).digest()]))
      .sign(credential.privateKey);
    const id = credential.id.toString('base64url');
    const userHandle = overrides.userHandle === undefined ? credential.userHandle.toString('base64url') : overrides.userHandle;
    return {
      id,
      rawId: id,
      type: 'public-key',
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
      response: {
        clientDataJSON: clientDataJSON.toString('base64url'),
        authenticatorData: authData.toString('base64url'),
        signature: signature.toString('base64url'),
        ...(userHandle === null ? {} : { userHandle }),
      },
    };
  }

  private authDataHeader(credential: SoftCredential, extraFlags: number, overrides: AssertionOverrides = {}): Buffer {
    const be = overrides.backupEligible ?? credential.backupEligible;
    const bs = overrides.backedUp ?? credential.backedUp;
    const uv = overrides.userVerified ?? this.userVerified;
    const flags = FLAG_UP | (uv ? FLAG_UV : 0) | (be ? FLAG_BE : 0) | (bs ? FLAG_BS : 0) | extraFlags;
    const counter = Buffer.alloc(4);
    counter.writeUInt32BE(credential.counter);
    return Buffer.concat([createHash('sha256').update(credential.rpId).digest(), Buffer.from([flags]), counter]);
  }
}

function clientData(type: string, challenge: string, origin: string): Buffer {
  return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }));
}

function u16(value: number): Buffer {
  const buffer = Buffer.alloc(2);
  buffer.writeUInt16BE(value);
  return buffer;
}

/** The EC2 P-256 public key as a COSE_Key (RFC 9053): kty 2, alg -7 (ES256), crv 1, x, y. */
function coseKey(publicKey: KeyObject): Map<number, number | Uint8Array> {
  const jwk = publicKey.export({ format: 'jwk' });
  return new Map<number, number | Uint8Array>([
    [1, 2],
    [3, -7],
    [-1, 1],
    [-2, Buffer.from(jwk.x ?? '', 'base64url')],
    [-3, Buffer.from(jwk.y ?? '', 'base64url')],
  ]);
}
