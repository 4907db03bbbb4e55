// Only the type: lib/api/errors.ts is server-only, and the suite runs outside the server.
import type { ApiErrorCode } from '@/lib/api/errors';

/**
 * The catalogue's codes, as the test sees them. `satisfies` makes the compiler hold this list to
 * exactly the server's: a code added or removed there fails the typecheck here until it is
 * reflected.
 */
const CODES = {
  INVALID_REQUEST: true,
  UNSUPPORTED_MEDIA_TYPE: true,
  PAYLOAD_TOO_LARGE: true,
  UNKNOWN_SITE: true,
  INVALID_USERNAME: true,
  USERNAME_TAKEN: true,
  INVALID_DISPLAY_NAME: true,
  INVALID_PASSKEY_NAME: true,
  INVALID_PASSWORD: true,
  INVALID_CREDENTIALS: true,
  NOT_SIGNED_IN: true,
  UNKNOWN_PASSKEY: true,
  REAUTHENTICATION_REQUIRED: true,
  NO_PASSKEY: true,
  LAST_SIGN_IN_METHOD: true,
  UNKNOWN_SESSION: true,
  CONFIRMATION_MISMATCH: true,
  CHALLENGE_NOT_FOUND: true,
  CHALLENGE_EXPIRED: true,
  CHALLENGE_SITE_MISMATCH: true,
  CHALLENGE_PURPOSE_MISMATCH: true,
  CHALLENGE_NOT_BOUND: true,
  ACCOUNT_MISMATCH: true,
  ORIGIN_MISMATCH: true,
  UNEXPECTED_CEREMONY_TYPE: true,
  VERIFICATION_FAILED: true,
  USER_VERIFICATION_REQUIRED: true,
  CREDENTIAL_ALREADY_REGISTERED: true,
  UNKNOWN_CREDENTIAL: true,
  USER_HANDLE_MISMATCH: true,
  CROSS_ORIGIN_REFUSED: true,
  HANDOFF_NOT_FOUND: true,
  HANDOFF_USED: true,
  HANDOFF_EXPIRED: true,
  RATE_LIMITED: true,
  SERVICE_UNAVAILABLE: true,
} as const satisfies Record<ApiErrorCode, true>;

export function isCatalogueCode(code: unknown): code is ApiErrorCode {
  return typeof code === 'string' && Object.hasOwn(CODES, code);
}

/**
 * The catalogue code of a JSON API error answer, or a description of what is wrong with it:
 * every refusal must be `{"error":{"code","message"}}` with a code clients can branch on.
 */
export function errorCodeOf(body: Buffer): { code: ApiErrorCode } | { problem: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return { problem: `not JSON: ${body.toString('utf8').slice(0, 200)}` };
  }
  const error = (parsed as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  if (typeof error?.message !== 'string' || error.message.length === 0) return { problem: `no error.message in ${JSON.stringify(parsed).slice(0, 200)}` };
  if (!isCatalogueCode(error.code)) return { problem: `error.code ${JSON.stringify(error.code)} is not in the catalogue` };
  return { code: error.code };
}
