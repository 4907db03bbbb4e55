import 'server-only';
import { ApiError } from '@/lib/api/errors';

/**
 * Turns a SimpleWebAuthn verification failure into an API error with the catalogue's generic
 * message. The library's own message (expected vs actual RP ID hash, counters, key details)
 * helps an attacker probe, so it goes to the server log only, under the ceremony's name.
 */
export function verificationError(error: unknown, ceremony: 'registration' | 'authentication'): ApiError {
  if (error instanceof ApiError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  console.warn(`${ceremony} verification failed: ${detail}`);
  if (/user verification/i.test(detail) || /user could not be verified/i.test(detail)) return new ApiError('USER_VERIFICATION_REQUIRED');
  return new ApiError('VERIFICATION_FAILED');
}
