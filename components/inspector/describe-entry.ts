import type { CeremonyCheck, CeremonyLogEntry, CeremonyUi, CheckId } from '@/lib/ceremony-log/entry';
import { format } from '@/lib/i18n/format';
import type { Messages } from '@/lib/i18n/messages';

/** Turns ceremony log entries into the inspector's words: pure, so each rule is tested alone. */
export type InspectorMessages = Messages['inspector'];

type Key = keyof InspectorMessages;
type Flags = NonNullable<CeremonyLogEntry['authenticatorData']>['flags'];

const KIND: Record<CeremonyLogEntry['kind'], Key> = {
  registration: 'kindRegistration',
  authentication: 'kindAuthentication',
  reauthentication: 'kindReauthentication',
};

const STEP: Record<CeremonyLogEntry['step'], Key> = { options: 'stepOptions', verify: 'stepVerify', browser: 'stepBrowser' };

const UI: Record<CeremonyUi, Key> = {
  button: 'uiButton',
  autofill: 'uiAutofill',
  immediate: 'uiImmediate',
  phone: 'uiPhone',
  'add-passkey': 'uiAddPasskey',
};

/** "Sign-in · verify". */
export function entryTitle(entry: CeremonyLogEntry, t: InspectorMessages): string {
  return `${t[KIND[entry.kind]]} · ${t[STEP[entry.step]]}`;
}

export function uiWords(ui: CeremonyUi, t: InspectorMessages): string {
  return t[UI[ui]];
}

export function outcomeBadge(entry: CeremonyLogEntry, t: InspectorMessages): string {
  return entry.outcome.ok ? t.outcomeOk : format(t.outcomeRefused, { code: entry.outcome.code });
}

export interface FlagRow {
  flag: keyof Flags;
  on: boolean;
  /** "UV, user verified: fingerprint, face, PIN or screen lock" */
  words: string;
}

const FLAGS: [keyof Flags, Key][] = [
  ['up', 'flagUp'],
  ['uv', 'flagUv'],
  ['be', 'flagBe'],
  ['bs', 'flagBs'],
  ['at', 'flagAt'],
  ['ed', 'flagEd'],
];

/** Every flag of authenticatorData, in the order of its bits' meaning, each with a word. */
export function flagRows(flags: Flags, t: InspectorMessages): FlagRow[] {
  return FLAGS.map(([flag, key]) => ({ flag, on: flags[flag], words: t[key] }));
}

const CHECKS: Record<CheckId, Key> = {
  type: 'checkType',
  challenge: 'checkChallenge',
  origin: 'checkOrigin',
  'rp-id-hash': 'checkRpIdHash',
  'user-present': 'checkUserPresent',
  'user-verified': 'checkUserVerified',
  'backup-eligibility': 'checkBackupEligibility',
  counter: 'checkCounter',
  signature: 'checkSignature',
  attestation: 'checkAttestation',
  credential: 'checkCredential',
  'user-handle': 'checkUserHandle',
};

const CHECK_STATUS: Record<CeremonyCheck['status'], Key> = { passed: 'checkPassed', failed: 'checkFailed', 'not-reached': 'checkNotReached' };

export interface CheckRow {
  id: CheckId;
  status: CeremonyCheck['status'];
  label: string;
  statusWord: string;
  /** "expected https://example.co.uk, got https://evil.example", when the server said both. */
  detail?: string;
}

export function checkRows(checks: readonly CeremonyCheck[], t: InspectorMessages): CheckRow[] {
  return checks.map((check) => ({
    id: check.id,
    status: check.status,
    label: t[CHECKS[check.id]],
    statusWord: t[CHECK_STATUS[check.status]],
    ...(check.expected !== undefined && check.actual !== undefined && { detail: format(t.expectedActual, { expected: check.expected, actual: check.actual }) }),
  }));
}

export function rpIdHashWords(rpIdMatch: string | null, t: InspectorMessages): string {
  return rpIdMatch ? format(t.rpIdHashMatches, { rpId: rpIdMatch }) : t.rpIdHashNoMatch;
}

export function counterWords(counter: number, t: InspectorMessages): string {
  return counter === 0 ? t.counterZero : String(counter);
}

export function attestationFormatWords(fmt: string, t: InspectorMessages): string {
  return fmt === 'none' ? t.formatNone : fmt;
}

export function attachmentWords(attachment: string, t: InspectorMessages): string {
  if (attachment === 'platform') return t.attachmentPlatform;
  if (attachment === 'cross-platform') return t.attachmentCrossPlatform;
  return attachment;
}

/** Why a ceremony failed, in plain words; for a refused related origin, the list the browser read. */
export interface Explanation {
  text: string;
  /** The origins of the well-known list, in its order. */
  origins?: string[];
  /** "The list uses 2 of the 5 labels browsers accept." */
  labels?: string;
  /** The browser's own message, which names its check (it is English whatever the page's language). */
  browserMessage?: string;
}

const BROWSER_ERRORS: Partial<Record<string, Key>> = {
  InvalidStateError: 'invalidState',
  NotSupportedError: 'notSupported',
  ConstraintError: 'constraint',
  UnknownError: 'unknownError',
};

const SERVER_ERRORS: Partial<Record<string, Key>> = {
  ORIGIN_MISMATCH: 'originMismatch',
  CHALLENGE_NOT_FOUND: 'challengeProblem',
  CHALLENGE_EXPIRED: 'challengeProblem',
  CHALLENGE_SITE_MISMATCH: 'challengeProblem',
  CHALLENGE_PURPOSE_MISMATCH: 'challengeProblem',
  CHALLENGE_NOT_BOUND: 'challengeProblem',
  ACCOUNT_MISMATCH: 'challengeProblem',
  USER_VERIFICATION_REQUIRED: 'userVerification',
  VERIFICATION_FAILED: 'verificationFailed',
  UNKNOWN_CREDENTIAL: 'unknownCredential',
  CREDENTIAL_ALREADY_REGISTERED: 'credentialRegistered',
  USER_HANDLE_MISMATCH: 'userHandleMismatch',
  RATE_LIMITED: 'rateLimited',
};

function browserExplanation(entry: CeremonyLogEntry, name: string, t: InspectorMessages): Explanation {
  const error = entry.browserError;
  const browserMessage = error?.message ? format(t.browserMessage, { message: error.message }) : undefined;
  const base = { ...(browserMessage && { browserMessage }) };
  if (name === 'SecurityError') {
    const related = error?.relatedOrigins;
    if (related && !related.thisOriginListed) {
      return {
        ...base,
        text: format(t.securityUnlisted, { wellKnown: related.wellKnown, rpId: entry.rpId }),
        origins: related.origins,
        labels: format(t.securityLabels, { labels: related.labels, max: related.maxLabels }),
      };
    }
    if (related) return { ...base, text: format(t.securityListed, { wellKnown: related.wellKnown }) };
    return { ...base, text: t.securityOther };
  }
  if (name === 'NotAllowedError') return { ...base, text: entry.ui === 'immediate' ? t.notAllowedImmediate : t.notAllowed };
  const key = Object.hasOwn(BROWSER_ERRORS, name) ? BROWSER_ERRORS[name] : undefined;
  return { ...base, text: key ? t[key] : format(t.browserOther, { name }) };
}

/** Null for a ceremony step that worked. */
export function explainOutcome(entry: CeremonyLogEntry, t: InspectorMessages): Explanation | null {
  const { outcome } = entry;
  if (outcome.ok) return null;
  if (entry.step === 'browser') return browserExplanation(entry, entry.browserError?.name ?? outcome.code, t);
  const key = Object.hasOwn(SERVER_ERRORS, outcome.code) ? SERVER_ERRORS[outcome.code] : undefined;
  return { text: key ? t[key] : format(t.serverOther, { code: outcome.code, message: outcome.message }) };
}
