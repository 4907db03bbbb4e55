import { createHash } from 'node:crypto';
import { verifyAuthenticationResponse, verifyRegistrationResponse } from '@simplewebauthn/server';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCeremonyResponse, rpIdHashMatch } from './decode';
import { chromiumPasskey, chromiumPhonePasskey } from './fixtures';

const candidates = { rpId: 'example.com', hostnames: ['example.com', 'www.example.com', 'example.co.uk'] };
const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');

describe('the fixtures', () => {
  it('are genuine Chromium ceremonies: SimpleWebAuthn verifies the sign-up on one origin and the sign-in on another', async () => {
    const { registration, authentication } = chromiumPasskey;
    const registered = await verifyRegistrationResponse({
      response: registration.response,
      expectedChallenge: registration.challenge,
      expectedOrigin: registration.origin,
      expectedRPID: registration.rpId,
      requireUserVerification: true,
    });
    expect(registered.verified).toBe(true);
    if (!registered.verified) return;
    const signedIn = await verifyAuthenticationResponse({
      response: authentication.response,
      expectedChallenge: authentication.challenge,
      expectedOrigin: authentication.origin,
      expectedRPID: authentication.rpId,
      credential: { id: registered.registrationInfo.credential.id, publicKey: registered.registrationInfo.credential.publicKey, counter: 0 },
      requireUserVerification: true,
    });
    expect(signedIn.verified).toBe(true);
    expect([registration.origin, authentication.origin]).toEqual(['https://example-rewards.com', 'https://example.co.uk']);
  });
});

describe('decodeCeremonyResponse', () => {
  it('decodes a registration: client data, RP ID hash matched to the RP ID, flags, AAGUID, attestation format and algorithm', () => {
    const { registration } = chromiumPasskey;
    const decoded = decodeCeremonyResponse('registration', registration.response, candidates);
    expect(decoded.clientData).toEqual({ type: 'webauthn.create', challenge: registration.challenge, origin: 'https://example-rewards.com', crossOrigin: false });
    expect(decoded.authenticatorData).toMatchObject({
      rpIdHash: sha256Hex('example.com'),
      rpIdMatch: 'example.com',
      flags: { up: true, uv: true, at: true, ed: false },
      aaguid: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
    });
    expect(decoded.attestation).toEqual({ fmt: 'none', algorithm: -7, algorithmName: 'ES256' });
    expect(decoded.credential).toEqual({ id: registration.response.id, authenticatorAttachment: 'platform', transports: registration.response.response.transports });
  });

  it('decodes a sign-in on another origin of the family, with no attested credential data', () => {
    const { authentication } = chromiumPasskey;
    const decoded = decodeCeremonyResponse('authentication', authentication.response, candidates);
    expect(decoded.clientData).toMatchObject({ type: 'webauthn.get', challenge: authentication.challenge, origin: 'https://example.co.uk' });
    expect(decoded.authenticatorData).toMatchObject({ rpIdMatch: 'example.com', flags: { up: true, uv: true, at: false } });
    expect(decoded.authenticatorData?.counter).toBeGreaterThan(0);
    expect(decoded.authenticatorData).not.toHaveProperty('aaguid');
    expect(decoded).not.toHaveProperty('attestation');
    expect(decoded.credential).toEqual({ id: authentication.response.id, authenticatorAttachment: 'platform' });
  });

  it("tells a phone's sign-in by its cross-platform attachment", () => {
    const decoded = decodeCeremonyResponse('authentication', chromiumPhonePasskey.authentication.response, candidates);
    expect(decoded.credential?.authenticatorAttachment).toBe('cross-platform');
    expect(decoded.clientData?.origin).toBe('https://example.co.jp');
  });

  it('leaves out what cannot be decoded, and keeps the rest', () => {
    const { authentication } = chromiumPasskey;
    const broken = { ...authentication.response, response: { ...authentication.response.response, authenticatorData: 'AAAA' } };
    const decoded = decodeCeremonyResponse('authentication', broken, candidates);
    expect(decoded).not.toHaveProperty('authenticatorData');
    expect(decoded.clientData?.origin).toBe('https://example.co.uk');
    expect(decodeCeremonyResponse('registration', 'nonsense', candidates)).toEqual({});
  });

  it('never throws on hostile input', () => {
    const field = fc.oneof(fc.anything(), fc.base64String().map((b) => b.replace(/=+$/, '')), fc.string());
    const hostile = fc.oneof(
      fc.anything(),
      fc.record({ id: field, authenticatorAttachment: field, response: fc.dictionary(fc.constantFrom('clientDataJSON', 'attestationObject', 'authenticatorData', 'transports'), field) }),
      // A genuine response with one member replaced.
      fc.record({ key: fc.constantFrom('clientDataJSON', 'attestationObject', 'transports'), value: field }).map(({ key, value }) => ({
        ...chromiumPasskey.registration.response,
        response: { ...chromiumPasskey.registration.response.response, [key]: value },
      })),
    );
    fc.assert(
      fc.property(fc.constantFrom('registration', 'authentication') as fc.Arbitrary<'registration' | 'authentication'>, hostile, (kind, response) => {
        expect(() => decodeCeremonyResponse(kind, response, candidates)).not.toThrow();
      }),
      { numRuns: 300, seed: 11 },
    );
  });
});

describe('rpIdHashMatch', () => {
  it('names the RP ID or configured hostname a hash stands for, and nothing else', () => {
    expect(rpIdHashMatch(sha256Hex('example.com'), candidates)).toBe('example.com');
    expect(rpIdHashMatch(sha256Hex('example.co.uk'), candidates)).toBe('example.co.uk');
    expect(rpIdHashMatch(sha256Hex('evil.test'), candidates)).toBeNull();
  });
});
