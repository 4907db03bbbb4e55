import { afterEach, describe, expect, it, vi } from 'vitest';
import { API_ERRORS } from '@/lib/api/errors';
import { verificationError } from './verification-error';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('verificationError', () => {
  it('answers the generic message and logs the detail on the server only', () => {
    const log = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const error = verificationError(new Error('Response counter value 3 was lower than expected 9'), 'authentication');
    expect([error.code, error.message]).toEqual(['VERIFICATION_FAILED', API_ERRORS.VERIFICATION_FAILED.message]);
    expect(error.message).not.toContain('9');
    expect(log).toHaveBeenCalledWith(expect.stringContaining('lower than expected 9'));
  });

  it('recognises a missing user verification', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const error = verificationError(new Error('User verification required, but user could not be verified'), 'registration');
    expect([error.code, error.message]).toEqual(['USER_VERIFICATION_REQUIRED', API_ERRORS.USER_VERIFICATION_REQUIRED.message]);
  });
});
