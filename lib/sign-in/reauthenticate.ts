import { startAuthentication, type PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/browser';
import { postJson } from '@/lib/webauthn/client/api';
import { traceCeremony } from '@/lib/webauthn/client/ceremony-trace';

/**
 * A fresh proof that the person at this browser owns the account, for the changes that need one
 * (adding or deleting a passkey, ending other sessions, deleting the account): an assertion with
 * user verification from one of the account's own passkeys. The server marks this session as
 * confirmed for five minutes.
 */
export async function reauthenticateWithPasskey(): Promise<void> {
  const trace = traceCeremony('reauthentication', 'button');
  const { options } = await trace.options(
    () => postJson<{ options: PublicKeyCredentialRequestOptionsJSON }>('/api/account/reauthenticate/options', { ui: 'button' }),
    (answer) => answer.options.rpId,
  );
  const response = await trace.browser(() => startAuthentication({ optionsJSON: options }));
  await trace.verify(() => postJson('/api/account/reauthenticate/verify', { response }));
}

/** The same proof for an account that has a password. */
export async function reauthenticateWithPassword(password: string): Promise<void> {
  await postJson('/api/account/reauthenticate/password', { password });
}
