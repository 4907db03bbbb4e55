/**
 * What the ceremony log tells a browser about one of its own ceremonies: the shape the inspector
 * renders and the walkthrough's progress reads. Shared by server and browser code, so it holds
 * types only; nothing here may carry a secret (session ids, binding values, passwords).
 */
export type CeremonyKind = 'registration' | 'authentication' | 'reauthentication';
export type CeremonyStep = 'options' | 'verify' | 'browser';
export type CeremonyUi = 'button' | 'autofill' | 'immediate' | 'phone' | 'add-passkey';
export type CheckId = 'type' | 'challenge' | 'origin' | 'rp-id-hash' | 'user-present' | 'user-verified'
  | 'backup-eligibility' | 'counter' | 'signature' | 'attestation' | 'credential' | 'user-handle';
export interface CeremonyCheck { id: CheckId; status: 'passed' | 'failed' | 'not-reached'; expected?: string; actual?: string }
export interface CeremonyLogEntry {
  id: string;
  at: string;                                   // ISO time
  site: { id: string; name: string; origin: string }; // where it happened (https://host of the request)
  rpId: string;
  kind: CeremonyKind;
  step: CeremonyStep;
  ui?: CeremonyUi;
  outcome: { ok: true } | { ok: false; code: string; message: string }; // code from lib/api/errors.ts, or the DOMException name for step 'browser'
  options?: unknown;                            // step 'options': the JSON sent to the browser, as sent
  clientData?: { type: string; challenge: string; origin: string; crossOrigin?: boolean; topOrigin?: string };
  authenticatorData?: {
    rpIdHash: string;                           // hex
    rpIdMatch: string | null;                   // the RP ID whose SHA-256 it equals (the family's RP ID, or any configured hostname), else null
    flags: { up: boolean; uv: boolean; be: boolean; bs: boolean; at: boolean; ed: boolean };
    counter: number;
    aaguid?: string;                            // registration only (attested credential data)
    provider?: { name: string };                // from data/passkey-aaguids.json via lib/webauthn/aaguids.ts
  };
  attestation?: { fmt: string; algorithm: number; algorithmName: string };  // registration only
  credential?: { id: string; authenticatorAttachment?: string; transports?: string[] };
  checks?: CeremonyCheck[];                     // step 'verify': every server check in order, passed / failed / not reached
  browserError?: {                              // step 'browser'
    name: string; message: string;
    relatedOrigins?: { wellKnown: string; origins: string[]; labels: number; maxLabels: 5; thisOriginListed: boolean };
  };
}

/** Every value of CeremonyUi, for validating what a page sends. */
export const CEREMONY_UIS = ['button', 'autofill', 'immediate', 'phone', 'add-passkey'] as const satisfies readonly CeremonyUi[];

/** Every value of CeremonyKind. */
export const CEREMONY_KINDS = ['registration', 'authentication', 'reauthentication'] as const satisfies readonly CeremonyKind[];

export function isCeremonyUi(value: unknown): value is CeremonyUi {
  return typeof value === 'string' && (CEREMONY_UIS as readonly string[]).includes(value);
}
