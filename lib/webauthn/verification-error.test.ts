import { describe, expect, it } from 'vitest';
import { verificationError } from './verification-error';

describe('verificationError', () => {
  it('passes SimpleWebAuthn messages on as VERIFICATION_FAILED', () => {
    const error = verificationError(new Error('Unexpected RP ID hash'));
    expect([error.code, error.message]).toEqual(['VERIFICATION_FAILED', 'Unexpected RP ID hash']);
  });

  it('recognises a missing user verification', () => {
    expect(verificationError(new Error('User verification required, but user could not be verified')).code).toBe('USER_VERIFICATION_REQUIRED');
  });
});
