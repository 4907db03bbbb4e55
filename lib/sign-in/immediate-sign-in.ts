import { traceCeremony } from '@/lib/webauthn/client/ceremony-trace';
import { getImmediately, type ImmediateShape } from '@/lib/webauthn/client/immediate-mediation';
import { requestSignInOptions, verifySignIn } from '@/lib/webauthn/client/sign-in-with-passkey';
import type { LastSignIn } from './last-sign-in';
import { passwordCredentialsExist, signInWithPassword } from './password-client';

/** How an immediate sign-in ended: signed in (and how), or nothing on this device to offer. */
export type ImmediateSignIn = { kind: 'signed-in'; signIn: LastSignIn } | { kind: 'nothing' };

/**
 * Sign-in in one click where the browser can: fresh options, then an immediate get() offering
 * this device's passkeys for the family (and its saved passwords), then the server's
 * verification. Must start inside the click's user activation. Throws ApiResponseError or the
 * browser's error for anything but "nothing here". The browser's "nothing here"
 * (NotAllowedError) is still announced and logged: the inspector shows why the page fell back.
 */
export async function signInImmediately(shape: ImmediateShape, offerPasskey: (accountHasPasskey: boolean) => boolean): Promise<ImmediateSignIn> {
  const trace = traceCeremony('authentication', 'immediate');
  const { options } = await requestSignInOptions(trace, 'immediate');
  const result = await getImmediately(shape, options, {
    password: passwordCredentialsExist(),
    credentialsGet: (request) => trace.browser(() => navigator.credentials.get(request)),
  });
  switch (result.kind) {
    case 'nothing':
      return result;
    case 'passkey':
      await verifySignIn(trace, options, result.response);
      return { kind: 'signed-in', signIn: { method: 'immediate-passkey', offerPasskey: false } };
    case 'password': {
      const { hasPasskey } = await signInWithPassword(result.username, result.password);
      return { kind: 'signed-in', signIn: { method: 'immediate-password', offerPasskey: offerPasskey(hasPasskey) } };
    }
  }
}
