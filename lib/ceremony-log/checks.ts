import type { DecodedResponse } from './decode';
import type { CeremonyCheck, CeremonyKind, CheckId } from './entry';

/**
 * The server's checks of a verify call, in the order the ceremony core runs them
 * (lib/webauthn/registration.ts, authentication.ts): client data read before anything is used,
 * then the challenge, the stored passkey, and what SimpleWebAuthn verifies, then the counter and
 * backup eligibility against the stored passkey.
 */
export const CHECK_ORDER: Record<CeremonyKind, readonly CheckId[]> = {
  registration: ['type', 'origin', 'challenge', 'rp-id-hash', 'user-present', 'user-verified', 'attestation', 'credential'],
  authentication: ['type', 'origin', 'challenge', 'credential', 'user-handle', 'rp-id-hash', 'user-present', 'user-verified', 'signature', 'counter', 'backup-eligibility'],
  reauthentication: ['type', 'origin', 'challenge', 'credential', 'user-handle', 'rp-id-hash', 'user-present', 'user-verified', 'signature', 'counter', 'backup-eligibility'],
};

/** How a verify call ended, as far as the checks are concerned. */
export type VerifyOutcome =
  | { ok: true }
  | {
      ok: false;
      code: string;
      /** ApiError.reason: set only by refusals after the challenge was used (COUNTER_REGRESSION, …). */
      reason?: string;
      /** 'body': the body's shape was refused before any check ran. */
      stage: 'body' | 'ceremony';
    };

/** Refusals that come before any check: nothing about the response was looked at. */
const BEFORE_CHECKS = new Set(['UNKNOWN_SITE', 'RATE_LIMITED', 'SERVICE_UNAVAILABLE', 'INTERNAL_ERROR', 'UNSUPPORTED_MEDIA_TYPE', 'PAYLOAD_TOO_LARGE']);

/** Marks "every check ran and passed" when a refusal came after them all (the account was deleted meanwhile, say). */
const AFTER_CHECKS = 'after' as const;

/**
 * Which check a refusal failed, from its catalogue code (and reason), or the decoded response
 * where the code is deliberately generic (VERIFICATION_FAILED hides which SimpleWebAuthn check
 * failed from the client; the log, shown only to the browser that made the response, may say it,
 * since everything it names is in that response).
 */
function failedCheck(kind: CeremonyKind, outcome: Extract<VerifyOutcome, { ok: false }>, decoded: DecodedResponse, rpId: string): CheckId | 'before' | typeof AFTER_CHECKS {
  const { code, reason, stage } = outcome;
  if (stage === 'body' || BEFORE_CHECKS.has(code)) return 'before';
  switch (code) {
    case 'UNEXPECTED_CEREMONY_TYPE':
      return 'type';
    case 'ORIGIN_MISMATCH':
    case 'CROSS_ORIGIN_REFUSED':
      return 'origin';
    case 'CHALLENGE_NOT_FOUND':
    case 'CHALLENGE_EXPIRED':
    case 'CHALLENGE_SITE_MISMATCH':
    case 'CHALLENGE_PURPOSE_MISMATCH':
    case 'CHALLENGE_NOT_BOUND':
      return 'challenge';
    // Before the challenge is used it is the challenge's account; after, the passkey's owner.
    case 'ACCOUNT_MISMATCH':
      return reason === undefined ? 'challenge' : 'credential';
    // Registration: the challenge was issued to add a passkey to an account no longer signed in.
    // Elsewhere: no session to confirm, refused before anything was read.
    case 'NOT_SIGNED_IN':
      return kind === 'registration' ? 'challenge' : 'before';
    case 'UNKNOWN_CREDENTIAL':
    case 'CREDENTIAL_ALREADY_REGISTERED':
      return 'credential';
    case 'USER_HANDLE_MISMATCH':
      return 'user-handle';
    case 'USER_VERIFICATION_REQUIRED':
      return 'user-verified';
    // After the body's shape passed: the client data could not be read (the first check), or,
    // once the challenge was used, the attested credential id was too long.
    case 'INVALID_REQUEST':
      return reason === undefined ? 'type' : 'credential';
    case 'VERIFICATION_FAILED':
      if (reason === 'COUNTER_REGRESSION') return 'counter';
      if (reason === 'BACKUP_ELIGIBILITY_CHANGED') return 'backup-eligibility';
      return verificationCheck(kind, decoded, rpId);
    default:
      return AFTER_CHECKS;
  }
}

/** The SimpleWebAuthn check a generic VERIFICATION_FAILED stands for, read from the response itself. */
function verificationCheck(kind: CeremonyKind, { authenticatorData }: DecodedResponse, rpId: string): CheckId {
  if (!authenticatorData || authenticatorData.rpIdMatch !== rpId) return 'rp-id-hash';
  if (!authenticatorData.flags.up) return 'user-present';
  if (!authenticatorData.flags.uv) return 'user-verified';
  return kind === 'registration' ? 'attestation' : 'signature';
}

/** What each check compared, where the response shows it. */
function compared(id: CheckId, kind: CeremonyKind, decoded: DecodedResponse, expected: { origin: string; rpId: string }): Pick<CeremonyCheck, 'expected' | 'actual'> {
  const { clientData, authenticatorData, attestation, credential } = decoded;
  const pair = (want: string | undefined, got: string | undefined) => ({ ...(want !== undefined && { expected: want }), ...(got !== undefined && { actual: got }) });
  switch (id) {
    case 'type':
      return pair(kind === 'registration' ? 'webauthn.create' : 'webauthn.get', clientData?.type);
    case 'origin':
      return pair(expected.origin, clientData?.origin);
    case 'challenge':
      return pair(undefined, clientData?.challenge);
    case 'rp-id-hash':
      return pair(expected.rpId, authenticatorData && (authenticatorData.rpIdMatch ?? authenticatorData.rpIdHash));
    case 'user-present':
      return pair('true', authenticatorData && String(authenticatorData.flags.up));
    case 'user-verified':
      return pair('true', authenticatorData && String(authenticatorData.flags.uv));
    case 'attestation':
      return pair(undefined, attestation && `${attestation.fmt}, ${attestation.algorithmName}`);
    case 'credential':
      return pair(undefined, credential?.id);
    case 'counter':
      return pair(undefined, authenticatorData && String(authenticatorData.counter));
    case 'backup-eligibility':
      return pair(undefined, authenticatorData && String(authenticatorData.flags.be));
    case 'signature':
    case 'user-handle':
      return {};
  }
}

/**
 * Every server check of a verify call, in order, each passed, failed or not reached: derived
 * from the decoded response and the ceremony's real outcome (its catalogue code, or success).
 * A success passed them all; a refusal failed one and never reached those after it.
 */
export function ceremonyChecks(kind: CeremonyKind, decoded: DecodedResponse, outcome: VerifyOutcome, expected: { origin: string; rpId: string }): CeremonyCheck[] {
  const order = CHECK_ORDER[kind];
  const failed = outcome.ok ? AFTER_CHECKS : failedCheck(kind, outcome, decoded, expected.rpId);
  const failedAt = failed === AFTER_CHECKS ? order.length : failed === 'before' ? -1 : order.indexOf(failed);
  return order.map((id, index) => {
    const status = failed === 'before' ? 'not-reached' : index < failedAt ? 'passed' : index === failedAt ? 'failed' : 'not-reached';
    return { id, status, ...compared(id, kind, decoded, expected) };
  });
}
