import {
  sendSignal,
  startAuthentication,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/browser';
import { ApiResponseError, postJson } from './api';

export interface SignInOptions {
  /** Offer passkeys in the username field's autofill (conditional UI) instead of a prompt. */
  autofill: boolean;
  /** Stops the attempt before the browser is asked; once asked, SimpleWebAuthn's own abort applies. */
  signal?: AbortSignal;
}

/**
 * The server deleted this passkey: ask the browser (Signal API, where it exists) to hide it so
 * it stops being offered. Best effort by design: browsers may ignore or refuse signals.
 */
function forgetUnknownCredential(rpID: string, credentialID: string): void {
  sendSignal({ signalName: 'unknownCredential', rpID, credentialID }).catch(() => undefined);
}

/**
 * One authentication ceremony with a discoverable credential (no username needed): the
 * server's options, the browser's prompt or autofill, the server's verification (which signs
 * the browser in). Throws ApiResponseError or the browser's error.
 */
export async function signInWithPasskey({ autofill, signal }: SignInOptions): Promise<void> {
  const { options } = await postJson<{ options: PublicKeyCredentialRequestOptionsJSON }>(
    '/api/webauthn/authentication/options',
    {},
    signal,
  );
  // A modal ceremony may have started while the options were on their way; asking the browser
  // now would abort it.
  signal?.throwIfAborted();
  const response: AuthenticationResponseJSON = await startAuthentication({ optionsJSON: options, useBrowserAutofill: autofill });
  await verifySignIn(options, response);
}

/** The server's verification of an assertion, which signs the browser in on this site. */
export async function verifySignIn(options: PublicKeyCredentialRequestOptionsJSON, response: AuthenticationResponseJSON): Promise<void> {
  try {
    await postJson('/api/webauthn/authentication/verify', { response });
  } catch (error) {
    if (error instanceof ApiResponseError && error.code === 'UNKNOWN_CREDENTIAL' && options.rpId) forgetUnknownCredential(options.rpId, response.id);
    throw error;
  }
}
