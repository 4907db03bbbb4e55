import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import { describe, expect, it } from 'vitest';
import { SoftAuthenticator } from './soft-authenticator';

const origin = 'https://example.co.uk';
const rpID = 'example.com';

async function register(authenticator: SoftAuthenticator) {
  const options = await generateRegistrationOptions({ rpName: 'Example', rpID, userName: 'alice', userID: new Uint8Array(32).fill(7) });
  const response = authenticator.create(options, origin);
  const result = await verifyRegistrationResponse({ response, expectedChallenge: options.challenge, expectedOrigin: origin, expectedRPID: rpID, requireUserVerification: true });
  return { response, result };
}

describe('SoftAuthenticator', () => {
  it('makes registrations SimpleWebAuthn verifies, with the flags it was given', async () => {
    const { result } = await register(new SoftAuthenticator({ backupEligible: false }));
    expect(result.verified).toBe(true);
    expect(result.registrationInfo?.credentialDeviceType).toBe('singleDevice');
    expect(result.registrationInfo?.credentialBackedUp).toBe(false);
    expect(result.registrationInfo?.credential.publicKey.length).toBeGreaterThan(60);
  });

  it('registers an existing credential again, same id and key, when asked to reuse it', async () => {
    const authenticator = new SoftAuthenticator();
    const first = await register(authenticator);
    const [credential] = authenticator.credentials;
    if (!credential) throw new Error('no credential');
    const options = await generateRegistrationOptions({ rpName: 'Example', rpID, userName: 'bob', userID: new Uint8Array(32).fill(9) });
    const again = authenticator.create(options, origin, credential);
    const result = await verifyRegistrationResponse({ response: again, expectedChallenge: options.challenge, expectedOrigin: origin, expectedRPID: rpID, requireUserVerification: true });
    expect(again.id).toBe(first.response.id);
    expect(result.registrationInfo?.credential.publicKey).toEqual(first.result.registrationInfo?.credential.publicKey);
  });

  it('makes assertions SimpleWebAuthn verifies, with the counter moving by its step', async () => {
    const authenticator = new SoftAuthenticator({ counterStep: 3 });
    const { response, result } = await register(authenticator);
    const info = result.registrationInfo;
    if (!info) throw new Error('no registration info');
    const options = await generateAuthenticationOptions({ rpID, userVerification: 'required' });
    const assertion = authenticator.get(options, origin);
    expect(assertion.id).toBe(response.id);
    expect(assertion.response.userHandle).toBe(Buffer.from(new Uint8Array(32).fill(7)).toString('base64url'));
    const verified = await verifyAuthenticationResponse({
      response: assertion,
      expectedChallenge: options.challenge,
      expectedOrigin: origin,
      expectedRPID: rpID,
      credential: { id: info.credential.id, publicKey: info.credential.publicKey, counter: 0 },
      requireUserVerification: true,
    });
    expect(verified.verified).toBe(true);
    expect(verified.authenticationInfo.newCounter).toBe(3);
  });

  it('signs what a test overrides, so the server sees exactly that', async () => {
    const authenticator = new SoftAuthenticator();
    const { result } = await register(authenticator);
    const info = result.registrationInfo;
    if (!info) throw new Error('no registration info');
    const options = await generateAuthenticationOptions({ rpID });
    const assertion = authenticator.get(options, origin, { userVerified: false, userHandle: null });
    expect(assertion.response.userHandle).toBeUndefined();
    await expect(
      verifyAuthenticationResponse({
        response: assertion,
        expectedChallenge: options.challenge,
        expectedOrigin: origin,
        expectedRPID: rpID,
        credential: { id: info.credential.id, publicKey: info.credential.publicKey, counter: 0 },
        requireUserVerification: true,
      }),
    ).rejects.toThrow(/user could not be verified/i);
  });

  it('refuses when it holds no credential for the RP ID, as a browser would', async () => {
    const options = await generateAuthenticationOptions({ rpID });
    expect(() => new SoftAuthenticator().get(options, origin)).toThrow(/NotAllowedError/);
  });
});
