import type { PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/browser';
import { postJson } from '@/lib/webauthn/client/api';
import { getImmediately, type ImmediateShape } from '@/lib/webauthn/client/immediate-mediation';
import { verifySignIn } from '@/lib/webauthn/client/sign-in-with-passkey';
import type { LastSignIn } from './last-sign-in';
import { passwordCredentialsExist, signInWithPassword } from './password-client';

/** How an immediate sign-in ended: signed in (and how), or nothing on this device to offer. */
export type ImmediateSignIn = { kind: 'signed-in'; signIn: LastSignIn } | { kind: 'nothing' };

/**
 * Sign-in in one click where the browser can: fresh options, then an immediate get() offering
 * this device's passkeys for the family (and its saved passwords), then the server's
 * verification. Must start inside the click's user activation. Throws ApiResponseError or the
 * browser's error for anything but "nothing here".
 */
export async function signInImmediately(shape: ImmediateShape, offerPasskey: (accountHasPasskey: boolean) => boolean): Promise<ImmediateSignIn> {
  const { options } = await postJson<{ options: PublicKeyCredentialRequestOptionsJSON }>('/api/webauthn/authentication/options', {});
  const result = await getImmediately(shape, options, { password: passwordCredentialsExist() });
  switch (result.kind) {
    case 'nothing':
      return result;
    case 'passkey':
      await verifySignIn(options, result.response);
      return { kind: 'signed-in', signIn: { method: 'immediate-passkey', offerPasskey: false } };
    case 'password': {
      const { hasPasskey } = await signInWithPassword(result.username, result.password);
      return { kind: 'signed-in', signIn: { method: 'immediate-password', offerPasskey: offerPasskey(hasPasskey) } };
    }
  }
}
