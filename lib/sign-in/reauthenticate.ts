import { startAuthentication, type PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/browser';
import { postJson } from '@/lib/webauthn/client/api';

/**
 * A fresh proof that the person at this browser owns the account, for the changes that need one
 * (adding or deleting a passkey, ending other sessions, deleting the account): an assertion with
 * user verification from one of the account's own passkeys. The server marks this session as
 * confirmed for five minutes.
 */
export async function reauthenticateWithPasskey(): Promise<void> {
  const { options } = await postJson<{ options: PublicKeyCredentialRequestOptionsJSON }>('/api/account/reauthenticate/options', {});
  const response = await startAuthentication({ optionsJSON: options });
  await postJson('/api/account/reauthenticate/verify', { response });
}

/** The same proof for an account that has a password. */
export async function reauthenticateWithPassword(password: string): Promise<void> {
  await postJson('/api/account/reauthenticate/password', { password });
}
