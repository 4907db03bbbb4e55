import { describe, expect, it } from 'vitest';
import { CHECK_ORDER, ceremonyChecks, type VerifyOutcome } from './checks';
import { decodeCeremonyResponse } from './decode';
import { chromiumPasskey } from './fixtures';

const candidates = { rpId: 'example.com', hostnames: ['example.com', 'example.co.uk', 'example-rewards.com'] };
const registration = decodeCeremonyResponse('registration', chromiumPasskey.registration.response, candidates);
const authentication = decodeCeremonyResponse('authentication', chromiumPasskey.authentication.response, candidates);
const atRewards = { origin: 'https://example-rewards.com', rpId: 'example.com' };
const atUk = { origin: 'https://example.co.uk', rpId: 'example.com' };
const refused = (code: string, reason?: string): VerifyOutcome => ({ ok: false, code, reason, stage: 'ceremony' });

/** id → status, for reading a whole list at a glance. */
const statuses = (checks: ReturnType<typeof ceremonyChecks>) => Object.fromEntries(checks.map((check) => [check.id, check.status]));

describe('ceremonyChecks', () => {
  it('lists every check, in order, passed on success, with what each compared', () => {
    const checks = ceremonyChecks('registration', registration, { ok: true }, atRewards);
    expect(checks.map((c) => c.id)).toEqual(CHECK_ORDER.registration);
    expect(checks.every((c) => c.status === 'passed')).toBe(true);
    expect(checks.find((c) => c.id === 'origin')).toEqual({ id: 'origin', status: 'passed', expected: 'https://example-rewards.com', actual: 'https://example-rewards.com' });
    expect(checks.find((c) => c.id === 'rp-id-hash')).toMatchObject({ expected: 'example.com', actual: 'example.com' });
    expect(checks.find((c) => c.id === 'attestation')?.actual).toBe('none, ES256');
  });

  it('fails the check a refusal names, passes those before it, and reaches none after it', () => {
    const checks = ceremonyChecks('authentication', authentication, refused('ORIGIN_MISMATCH'), { ...atUk, origin: 'https://example.co.jp' });
    expect(statuses(checks)).toMatchObject({ type: 'passed', origin: 'failed', challenge: 'not-reached', signature: 'not-reached' });
    expect(checks.find((c) => c.id === 'origin')).toMatchObject({ expected: 'https://example.co.jp', actual: 'https://example.co.uk' });
  });

  it.each([
    ['UNEXPECTED_CEREMONY_TYPE', undefined, 'type'],
    ['CHALLENGE_EXPIRED', undefined, 'challenge'],
    ['CHALLENGE_NOT_BOUND', undefined, 'challenge'],
    ['ACCOUNT_MISMATCH', undefined, 'challenge'],
    ['ACCOUNT_MISMATCH', 'ACCOUNT_MISMATCH', 'credential'],
    ['UNKNOWN_CREDENTIAL', undefined, 'credential'],
    ['USER_HANDLE_MISMATCH', 'USER_HANDLE_MISMATCH', 'user-handle'],
    ['USER_VERIFICATION_REQUIRED', 'USER_VERIFICATION_REQUIRED', 'user-verified'],
    ['VERIFICATION_FAILED', 'VERIFICATION_FAILED', 'signature'],
    ['VERIFICATION_FAILED', 'COUNTER_REGRESSION', 'counter'],
    ['VERIFICATION_FAILED', 'BACKUP_ELIGIBILITY_CHANGED', 'backup-eligibility'],
  ])('a sign-in refused with %s (reason %s) failed %s', (code, reason, check) => {
    const checks = ceremonyChecks('authentication', authentication, refused(code, reason), atUk);
    expect(checks.filter((c) => c.status === 'failed').map((c) => c.id)).toEqual([check]);
    const failedAt = CHECK_ORDER.authentication.indexOf(check as (typeof CHECK_ORDER.authentication)[number]);
    expect(checks.slice(0, failedAt).every((c) => c.status === 'passed')).toBe(true);
    expect(checks.slice(failedAt + 1).every((c) => c.status === 'not-reached')).toBe(true);
  });

  it('reads which check a generic VERIFICATION_FAILED stands for from the response itself', () => {
    // The response was made for example.com; a relying party expecting another RP ID fails its hash.
    const otherRp = ceremonyChecks('authentication', authentication, refused('VERIFICATION_FAILED'), { ...atUk, rpId: 'example.org' });
    expect(statuses(otherRp)['rp-id-hash']).toBe('failed');
    const notPresent = { ...authentication, authenticatorData: authentication.authenticatorData && { ...authentication.authenticatorData, flags: { ...authentication.authenticatorData.flags, up: false } } };
    expect(statuses(ceremonyChecks('authentication', notPresent, refused('VERIFICATION_FAILED'), atUk))['user-present']).toBe('failed');
    expect(statuses(ceremonyChecks('registration', registration, refused('VERIFICATION_FAILED'), atRewards)).attestation).toBe('failed');
  });

  it('reaches no check when the body was refused for its shape, or before anything was read', () => {
    for (const outcome of [{ ok: false, code: 'INVALID_REQUEST', stage: 'body' } as const, refused('RATE_LIMITED'), refused('NOT_SIGNED_IN')]) {
      expect(ceremonyChecks('reauthentication', authentication, outcome, atUk).every((c) => c.status === 'not-reached')).toBe(true);
    }
  });

  it('passes every check when the refusal came after them (storing the result)', () => {
    expect(ceremonyChecks('registration', registration, refused('REAUTHENTICATION_REQUIRED'), atRewards).every((c) => c.status === 'passed')).toBe(true);
  });

  it('fails the first check when the client data cannot be read at all', () => {
    const checks = ceremonyChecks('registration', {}, refused('INVALID_REQUEST'), atRewards);
    expect(statuses(checks)).toMatchObject({ type: 'failed', origin: 'not-reached' });
    expect(checks[0]).toEqual({ id: 'type', status: 'failed', expected: 'webauthn.create' });
    // The same code after the challenge was used: the attested credential id was refused.
    expect(statuses(ceremonyChecks('registration', registration, refused('INVALID_REQUEST', 'CREDENTIAL_ID_TOO_LONG'), atRewards))).toMatchObject({ attestation: 'passed', credential: 'failed' });
  });
});
