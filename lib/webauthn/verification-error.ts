import { ApiError } from '@/lib/api/errors';

/**
 * Turns a SimpleWebAuthn verification failure into an API error. Its messages state expected vs
 * actual (e.g. an RP ID hash or counter mismatch) and carry no secrets, so they are passed on.
 */
export function verificationError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (/user verification/i.test(message) || /user could not be verified/i.test(message)) {
    return new ApiError('USER_VERIFICATION_REQUIRED', message);
  }
  return new ApiError('VERIFICATION_FAILED', message);
}
