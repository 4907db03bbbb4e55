import {
  startAuthentication,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/browser';
import type { CeremonyUi } from '@/lib/ceremony-log/entry';
import { ApiResponseError, postJson } from './api';
import { traceCeremony, type CeremonyTrace } from './ceremony-trace';
import { signalUnknownCredential } from './signals';

export interface SignInOptions {
  /** Offer passkeys in the username field's autofill (conditional UI) instead of a prompt. */
  autofill: boolean;
  /** Stops the attempt before the browser is asked; once asked, SimpleWebAuthn's own abort applies. */
  signal?: AbortSignal;
  /**
   * WebAuthn L3 hints for the browser's UI, e.g. ['hybrid'] to go straight to the QR code. The
   * server's options cannot carry them (SimpleWebAuthn 14 has no hints for authentication), and
   * they only steer the browser's UI, so they are added here.
   */
  hints?: PublicKeyCredentialRequestOptionsJSON['hints'];
  /** How the page started it, for the ceremony log: 'autofill' when `autofill`, else 'button' unless said otherwise ('phone'). */
  ui?: CeremonyUi;
}

/** The sign-in options, announced on the ceremony events. */
export function requestSignInOptions(trace: CeremonyTrace, ui: CeremonyUi, signal?: AbortSignal): Promise<{ options: PublicKeyCredentialRequestOptionsJSON }> {
  return trace.options(
    () => postJson<{ options: PublicKeyCredentialRequestOptionsJSON }>('/api/webauthn/authentication/options', { ui }, signal),
    (answer) => answer.options.rpId,
  );
}

/**
 * One authentication ceremony with a discoverable credential (no username needed): the
 * server's options, the browser's prompt or autofill, the server's verification (which signs
 * the browser in). Throws ApiResponseError or the browser's error. Resolves with how the
 * authenticator was attached: 'cross-platform' for a phone (hybrid) or a security key.
 */
export async function signInWithPasskey({ autofill, signal, hints, ui = autofill ? 'autofill' : 'button' }: SignInOptions): Promise<{ attachment: AuthenticationResponseJSON['authenticatorAttachment'] }> {
  const trace = traceCeremony('authentication', ui);
  const { options } = await requestSignInOptions(trace, ui, signal);
  // A modal ceremony may have started while the options were on their way; asking the browser
  // now would abort it.
  signal?.throwIfAborted();
  const response: AuthenticationResponseJSON = await trace.browser(() => startAuthentication({ optionsJSON: hints ? { ...options, hints } : options, useBrowserAutofill: autofill }));
  await verifySignIn(trace, options, response);
  return { attachment: response.authenticatorAttachment };
}

/** The server's verification of an assertion, which signs the browser in on this site. */
export async function verifySignIn(trace: CeremonyTrace, options: PublicKeyCredentialRequestOptionsJSON, response: AuthenticationResponseJSON): Promise<void> {
  try {
    await trace.verify(() => postJson('/api/webauthn/authentication/verify', { response }));
  } catch (error) {
    // The server deleted this passkey: ask the browser to stop offering it.
    if (error instanceof ApiResponseError && error.code === 'UNKNOWN_CREDENTIAL' && options.rpId) void signalUnknownCredential(options.rpId, response.id);
    throw error;
  }
}
