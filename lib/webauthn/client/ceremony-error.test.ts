import { WebAuthnError } from '@simplewebauthn/browser';
import { describe, expect, it } from 'vitest';
import { en } from '@/lib/i18n/en';
import { ja } from '@/lib/i18n/ja';
import { ApiResponseError } from './api';
import { describeCeremonyError } from './ceremony-error';
import type { PasskeySite } from './passkey-site';

const listed: PasskeySite = { name: 'Example UK', listed: true, rpId: 'example.com', relatedOrigin: true };
const unlisted: PasskeySite = { name: 'Example Outlet', listed: false, rpId: 'example.com', relatedOrigin: true };

function describeIn(error: unknown, site: PasskeySite = listed) {
  return describeCeremonyError(error, en, site);
}

// What SimpleWebAuthn throws: its WebAuthnError, named after the browser's DOMException.
function wrapped(name: string, code: WebAuthnError['code']) {
  return new WebAuthnError({ message: `wrapped ${name}`, code, cause: new DOMException('browser said no', name) });
}

describe('describeCeremonyError: browser errors', () => {
  it('treats a dismissed or timed-out prompt as a calm cancellation', () => {
    expect(describeIn(new DOMException('The operation either timed out or was not allowed.', 'NotAllowedError'))).toEqual({
      kind: 'cancelled',
      tone: 'status',
      message: en.ceremonyErrors.cancelled,
    });
    expect(describeIn(wrapped('NotAllowedError', 'ERROR_PASSTHROUGH_SEE_CAUSE_PROPERTY')).kind).toBe('cancelled');
  });

  it('treats an aborted ceremony (a newer one replaced it) as cancelled', () => {
    expect(describeIn(wrapped('AbortError', 'ERROR_CEREMONY_ABORTED')).kind).toBe('cancelled');
    expect(describeIn(new DOMException('aborted', 'AbortError')).kind).toBe('cancelled');
  });

  it('answers a passkey already on this device with a notice, not a failure', () => {
    const problem = describeIn(wrapped('InvalidStateError', 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED'));
    expect(problem).toEqual({ kind: 'already-registered', tone: 'status', message: 'This device already has a passkey for your account.' });
    expect(describeIn(new DOMException('already registered', 'InvalidStateError')).tone).toBe('status');
  });

  it('explains a SecurityError on an unlisted site with the well-known and the fix', () => {
    const problem = describeIn(wrapped('SecurityError', 'ERROR_INVALID_RP_ID'), unlisted);
    expect(problem.kind).toBe('security');
    expect(problem.tone).toBe('alert');
    expect(problem.message).toContain('Example Outlet is not listed in https://example.com/.well-known/webauthn');
    expect(problem.message).toContain('listed: true');
  });

  it('points a listed site at the well-known it depends on', () => {
    const problem = describeIn(new DOMException('no listed origin matched the caller', 'SecurityError'));
    expect(problem).toMatchObject({ kind: 'security', tone: 'alert' });
    expect(problem.message).toContain('https://example.com/.well-known/webauthn');
    expect(problem.message).toContain('Example UK');
  });

  it('reports missing authenticator features as unsupported', () => {
    expect(describeIn(new DOMException('no algorithm', 'NotSupportedError')).kind).toBe('unsupported');
    expect(describeIn(wrapped('ConstraintError', 'ERROR_AUTHENTICATOR_MISSING_USER_VERIFICATION_SUPPORT')).kind).toBe('unsupported');
  });

  it('falls back to showing the message of anything else', () => {
    expect(describeIn(new TypeError('Failed to fetch'))).toEqual({
      kind: 'unexpected',
      tone: 'alert',
      message: 'Something went wrong: Failed to fetch',
    });
    expect(describeIn('odd').message).toBe('Something went wrong: odd');
  });
});

describe('describeCeremonyError: server answers', () => {
  it.each([
    ['USERNAME_TAKEN', 'username-taken'],
    ['INVALID_USERNAME', 'invalid-username'],
    ['CHALLENGE_EXPIRED', 'expired'],
    ['CHALLENGE_NOT_FOUND', 'stale'],
    ['NOT_SIGNED_IN', 'not-signed-in'],
    ['VERIFICATION_FAILED', 'verification-failed'],
    ['CREDENTIAL_ALREADY_REGISTERED', 'credential-registered'],
    ['UNKNOWN_CREDENTIAL', 'unknown-credential'],
  ])('maps %s to %s as a failure', (code, kind) => {
    expect(describeIn(new ApiResponseError(400, code, 'server text'))).toMatchObject({ kind, tone: 'alert' });
  });

  it('says that an expired challenge took too long', () => {
    expect(describeIn(new ApiResponseError(400, 'CHALLENGE_EXPIRED', 'x')).message).toBe('That took too long, so the request expired. Try again.');
  });

  it("shows the server's message for a code it has no text for", () => {
    expect(describeIn(new ApiResponseError(400, 'INVALID_REQUEST', 'Invalid response.id: Required.')).message).toBe(
      'Something went wrong: Invalid response.id: Required.',
    );
    expect(describeIn(new ApiResponseError(500, 'toString', 'Odd code')).kind).toBe('unexpected');
  });

  it('asks to try again shortly when the server cannot reach its database, in either language', () => {
    const unavailable = new ApiResponseError(503, 'SERVICE_UNAVAILABLE', 'server text');
    expect(describeIn(unavailable)).toEqual({ kind: 'unavailable', tone: 'alert', message: en.ceremonyErrors.unavailable });
    expect(describeCeremonyError(unavailable, ja, listed).message).toBe(ja.ceremonyErrors.unavailable);
  });

  it('speaks the page language', () => {
    const problem = describeCeremonyError(new ApiResponseError(409, 'USERNAME_TAKEN', 'x'), ja, listed);
    expect(problem.message).toBe(ja.ceremonyErrors.usernameTaken);
  });
});
