import {
  startRegistration,
  type PublicKeyCredentialCreationOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/browser';
import { postJson } from './api';

/** Sign-up details; without them the passkey is added to the signed-in account. */
export interface NewAccount {
  username: string;
  displayName?: string;
}

/**
 * One registration ceremony: the server's options, the browser's passkey prompt, the server's
 * verification (which signs the browser in). Throws ApiResponseError or the browser's error.
 */
export async function registerPasskey(newAccount?: NewAccount): Promise<void> {
  const { options } = await postJson<{ options: PublicKeyCredentialCreationOptionsJSON }>(
    '/api/webauthn/registration/options',
    newAccount ?? {},
  );
  const response: RegistrationResponseJSON = await startRegistration({ optionsJSON: options });
  await postJson('/api/webauthn/registration/verify', { response });
}
