import { sendSignal } from '@simplewebauthn/browser';

/**
 * The WebAuthn Signal API, best effort: it tells the person's passkey provider what the server
 * now knows (a passkey deleted, an account gone, a new display name), so the provider stops
 * offering stale passkeys or names. The RP ID is the family's, whichever listed site the person
 * is on. A browser without the API (SimpleWebAuthn then throws) or one that refuses simply skips
 * it: nothing on the server depends on it.
 */
function quietly(signal: Promise<unknown>): Promise<void> {
  return signal.then(
    () => undefined,
    () => undefined,
  );
}

export function signalAcceptedCredentials(rpId: string, userHandle: string, credentialIds: string[]): Promise<void> {
  return quietly(sendSignal({ signalName: 'allAcceptedCredentials', rpID: rpId, userID: userHandle, allAcceptedCredentialIDs: credentialIds }));
}

export function signalCurrentUser(rpId: string, userHandle: string, username: string, displayName: string): Promise<void> {
  return quietly(sendSignal({ signalName: 'currentUserDetails', rpID: rpId, userID: userHandle, userName: username, userDisplayName: displayName }));
}

export function signalUnknownCredential(rpId: string, credentialId: string): Promise<void> {
  return quietly(sendSignal({ signalName: 'unknownCredential', rpID: rpId, credentialID: credentialId }));
}
