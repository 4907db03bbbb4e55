import {
  startRegistration,
  type PublicKeyCredentialCreationOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/browser';
import { postJson } from './api';
import { traceCeremony } from './ceremony-trace';

/** Sign-up details; without them the passkey is added to the signed-in account. */
export interface NewAccount {
  username: string;
  displayName?: string;
}

/**
 * One registration ceremony: the server's options, the browser's passkey prompt, the server's
 * verification (which signs the browser in). Throws ApiResponseError or the browser's error.
 * `conditional` asks for a conditional create instead of a prompt: the browser makes the passkey
 * only if its password manager just filled a password for this account, and otherwise never
 * settles until another ceremony replaces it. `thisDevice` asks for the device's own
 * authenticator (Windows Hello, Touch ID…), not a phone or a key. Each step is announced on the
 * ceremony events (the inspector's diagram); the options say how the page started it (`ui`).
 */
export async function registerPasskey(newAccount?: NewAccount, { conditional = false, thisDevice = false }: { conditional?: boolean; thisDevice?: boolean } = {}): Promise<void> {
  const ui = newAccount ? 'button' : 'add-passkey';
  const trace = traceCeremony('registration', ui);
  const { options } = await trace.options(
    () =>
      postJson<{ options: PublicKeyCredentialCreationOptionsJSON }>('/api/webauthn/registration/options', {
        ...newAccount,
        ...(thisDevice && { authenticatorAttachment: 'platform' }),
        ui,
      }),
    (answer) => answer.options.rp.id,
  );
  const response: RegistrationResponseJSON = await trace.browser(() => startRegistration({ optionsJSON: options, useAutoRegister: conditional }));
  await trace.verify(() => postJson('/api/webauthn/registration/verify', { response }));
}
