import 'server-only';

/**
 * Every error code the JSON API answers with, its HTTP status and default message. Clients
 * branch on `code`; `message` is for people and may carry specifics (expected vs actual).
 */
export const API_ERRORS = {
  INVALID_REQUEST: { status: 400, message: 'The request body is not what this endpoint accepts.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'Send the body as application/json.' },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'The request body is too large.' },
  UNKNOWN_SITE: { status: 404, message: 'This host is not one of the configured sites.' },
  INVALID_USERNAME: { status: 422, message: 'Usernames are 3 to 32 letters, digits, dots, hyphens or underscores.' },
  USERNAME_TAKEN: { status: 409, message: 'That username is already taken.' },
  INVALID_DISPLAY_NAME: { status: 422, message: 'Display names are up to 64 characters, without control or formatting characters.' },
  INVALID_PASSKEY_NAME: { status: 422, message: 'Passkey names are 1 to 64 characters, without control characters.' },
  INVALID_PASSWORD: { status: 422, message: 'Passwords are 8 to 128 characters, without control characters, and neither a commonly used password nor the username.' },
  INVALID_CREDENTIALS: { status: 401, message: 'The username or password is not right.' },
  NOT_SIGNED_IN: { status: 401, message: 'Sign in first.' },
  UNKNOWN_PASSKEY: { status: 404, message: 'This account has no passkey with that id.' },
  REAUTHENTICATION_REQUIRED: { status: 403, message: "Confirm it's you first: sign in again with your passkey or password." },
  NO_PASSKEY: { status: 409, message: "This account has no passkey: confirm it's you with your password." },
  LAST_SIGN_IN_METHOD: { status: 409, message: 'This is your only way to sign in: add another passkey or a password first.' },
  UNKNOWN_SESSION: { status: 404, message: 'This account has no signed-in session with that handle.' },
  CONFIRMATION_MISMATCH: { status: 422, message: 'Type your username exactly as it is to confirm.' },
  CHALLENGE_NOT_FOUND: { status: 400, message: 'This ceremony was not started here, or it was already completed.' },
  CHALLENGE_EXPIRED: { status: 400, message: 'This ceremony took too long. Start again.' },
  CHALLENGE_SITE_MISMATCH: { status: 400, message: 'This ceremony was started on another site.' },
  CHALLENGE_PURPOSE_MISMATCH: { status: 400, message: 'This challenge was issued for another ceremony.' },
  CHALLENGE_NOT_BOUND: { status: 403, message: 'This ceremony was started by another browser.' },
  ACCOUNT_MISMATCH: { status: 403, message: 'This ceremony was started for another account.' },
  ORIGIN_MISMATCH: { status: 400, message: 'The response was made for another origin.' },
  UNEXPECTED_CEREMONY_TYPE: { status: 400, message: 'The response is for another kind of ceremony.' },
  VERIFICATION_FAILED: { status: 400, message: 'The passkey response could not be verified.' },
  USER_VERIFICATION_REQUIRED: { status: 400, message: 'The authenticator did not verify the user (PIN, biometrics).' },
  CREDENTIAL_ALREADY_REGISTERED: { status: 409, message: 'This passkey is already registered.' },
  UNKNOWN_CREDENTIAL: { status: 404, message: 'This passkey is not registered here; it may have been deleted.' },
  USER_HANDLE_MISMATCH: { status: 400, message: 'The passkey does not belong to the account it names.' },
  CROSS_ORIGIN_REFUSED: { status: 400, message: 'Passkeys cannot be used here from inside another site (crossOrigin or topOrigin).' },
  HANDOFF_NOT_FOUND: { status: 404, message: 'This walkthrough link is not one of ours. Open the walkthrough from the site you started on and follow its link again.' },
  HANDOFF_USED: { status: 409, message: 'This walkthrough link was already used. Follow the link from the walkthrough again to get a new one.' },
  HANDOFF_EXPIRED: { status: 410, message: 'This walkthrough link expired (links last 10 minutes). Follow the link from the walkthrough again.' },
  RATE_LIMITED: { status: 429, message: 'Too many attempts. Wait a moment and try again.' },
  SERVICE_UNAVAILABLE: { status: 503, message: 'The service cannot reach its database right now. Try again in a few seconds.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ApiErrorCode = keyof typeof API_ERRORS;

export class ApiError extends Error {
  override name = 'ApiError';

  /**
   * Why, in the server's own words, when a ceremony refused after using its challenge and the code
   * alone does not say (VERIFICATION_FAILED for COUNTER_REGRESSION): what the sign-in events record,
   * and what tells the ceremony log which check failed (lib/ceremony-log/checks.ts). Never sent.
   */
  reason?: string;

  constructor(
    readonly code: ApiErrorCode,
    message: string = API_ERRORS[code].message,
    /** For RATE_LIMITED and SERVICE_UNAVAILABLE: when to try again, sent as Retry-After. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }

  get status(): number {
    return API_ERRORS[this.code].status;
  }

  toResponse(): Response {
    const headers: Record<string, string> = { 'cache-control': 'no-store' };
    if (this.retryAfterSeconds !== undefined) headers['retry-after'] = String(this.retryAfterSeconds);
    return Response.json({ error: { code: this.code, message: this.message } }, { status: this.status, headers });
  }
}
