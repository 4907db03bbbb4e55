import { WebAuthnError, type WebAuthnErrorCode } from '@simplewebauthn/browser';
import type { ApiErrorCode } from '@/lib/api/errors';
import { format } from '@/lib/i18n/format';
import type { Messages } from '@/lib/i18n/messages';
import { ApiResponseError } from './api';
import type { PasskeySite } from './passkey-site';

/** Something to tell the person: `alert` for failures, `status` for calm notices. */
export interface Notice {
  tone: 'alert' | 'status';
  message: string;
}

export type CeremonyProblemKind =
  | 'cancelled'
  | 'already-registered'
  | 'security'
  | 'unsupported'
  | 'username-taken'
  | 'invalid-username'
  | 'invalid-display-name'
  | 'rate-limited'
  | 'unavailable'
  | 'expired'
  | 'stale'
  | 'user-verification'
  | 'verification-failed'
  | 'credential-registered'
  | 'unknown-credential'
  | 'not-signed-in'
  | 'unexpected';

export interface CeremonyProblem extends Notice {
  kind: CeremonyProblemKind;
}

export type CeremonyErrorMessages = Pick<Messages, 'ceremonyErrors' | 'unlisted'>;

type ErrorKey = keyof Messages['ceremonyErrors'];

const API_PROBLEMS: Partial<Record<ApiErrorCode, [CeremonyProblemKind, ErrorKey]>> = {
  USERNAME_TAKEN: ['username-taken', 'usernameTaken'],
  INVALID_USERNAME: ['invalid-username', 'invalidUsername'],
  INVALID_DISPLAY_NAME: ['invalid-display-name', 'invalidDisplayName'],
  RATE_LIMITED: ['rate-limited', 'rateLimited'],
  SERVICE_UNAVAILABLE: ['unavailable', 'unavailable'],
  CROSS_ORIGIN_REFUSED: ['verification-failed', 'verificationFailed'],
  NOT_SIGNED_IN: ['not-signed-in', 'notSignedIn'],
  CHALLENGE_EXPIRED: ['expired', 'expired'],
  // The server no longer holds a challenge this browser may answer here: starting over fixes it.
  CHALLENGE_NOT_FOUND: ['stale', 'stale'],
  CHALLENGE_SITE_MISMATCH: ['stale', 'stale'],
  CHALLENGE_PURPOSE_MISMATCH: ['stale', 'stale'],
  CHALLENGE_NOT_BOUND: ['stale', 'stale'],
  ACCOUNT_MISMATCH: ['stale', 'stale'],
  USER_VERIFICATION_REQUIRED: ['user-verification', 'userVerification'],
  VERIFICATION_FAILED: ['verification-failed', 'verificationFailed'],
  ORIGIN_MISMATCH: ['verification-failed', 'verificationFailed'],
  UNEXPECTED_CEREMONY_TYPE: ['verification-failed', 'verificationFailed'],
  USER_HANDLE_MISMATCH: ['verification-failed', 'verificationFailed'],
  CREDENTIAL_ALREADY_REGISTERED: ['credential-registered', 'credentialRegistered'],
  UNKNOWN_CREDENTIAL: ['unknown-credential', 'unknownCredential'],
};

// SimpleWebAuthn's diagnoses of "this browser or authenticator lacks a feature the options ask for".
const UNSUPPORTED_CODES: readonly WebAuthnErrorCode[] = [
  'ERROR_AUTHENTICATOR_MISSING_DISCOVERABLE_CREDENTIAL_SUPPORT',
  'ERROR_AUTHENTICATOR_MISSING_USER_VERIFICATION_SUPPORT',
  'ERROR_AUTHENTICATOR_NO_SUPPORTED_PUBKEYCREDPARAMS_ALG',
  'ERROR_MALFORMED_PUBKEYCREDPARAMS',
];

// Own keys only: `code in` would also match Object.prototype's "constructor" or "toString".
function hasKnownProblem(code: string): code is ApiErrorCode {
  return Object.hasOwn(API_PROBLEMS, code);
}

function errorName(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'name' in error && typeof error.name === 'string' ? error.name : undefined;
}

function errorMessage(error: unknown): string {
  return error instanceof Error || error instanceof DOMException ? error.message : String(error);
}

function securityMessage(messages: CeremonyErrorMessages, site: PasskeySite): string {
  const values = { site: site.name, rpId: site.rpId, wellKnown: `https://${site.rpId}/.well-known/webauthn` };
  // On an unlisted site the refusal is by design: say why and how a deployer lists the site.
  if (!site.listed) return `${format(messages.unlisted.body, values)} ${messages.unlisted.fix}`;
  return format(messages.ceremonyErrors.securityListed, values);
}

/**
 * Turns whatever a ceremony threw (a DOMException from the browser, SimpleWebAuthn's
 * WebAuthnError wrapping one, or an ApiResponseError from our server) into what to tell the
 * person. WebAuthnError keeps the browser's error name, so names decide first and codes refine.
 */
export function describeCeremonyError(error: unknown, messages: CeremonyErrorMessages, site: PasskeySite): CeremonyProblem {
  const t = messages.ceremonyErrors;

  if (error instanceof ApiResponseError) {
    const known = hasKnownProblem(error.code) ? API_PROBLEMS[error.code] : undefined;
    if (known) return { kind: known[0], tone: 'alert', message: t[known[1]] };
    return { kind: 'unexpected', tone: 'alert', message: format(t.unexpected, { message: error.message }) };
  }

  const name = errorName(error);
  const code = error instanceof WebAuthnError ? error.code : undefined;
  // Browsers answer NotAllowedError for a dismissed prompt and a timeout alike, on purpose.
  if (name === 'NotAllowedError' || name === 'AbortError' || code === 'ERROR_CEREMONY_ABORTED') {
    return { kind: 'cancelled', tone: 'status', message: t.cancelled };
  }
  if (name === 'InvalidStateError' || code === 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED') {
    return { kind: 'already-registered', tone: 'status', message: t.alreadyRegistered };
  }
  if (name === 'SecurityError') {
    return { kind: 'security', tone: 'alert', message: securityMessage(messages, site) };
  }
  if (name === 'NotSupportedError' || (code !== undefined && UNSUPPORTED_CODES.includes(code))) {
    return { kind: 'unsupported', tone: 'alert', message: t.unsupported };
  }
  return { kind: 'unexpected', tone: 'alert', message: format(t.unexpected, { message: errorMessage(error) }) };
}
