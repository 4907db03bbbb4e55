import 'server-only';
import { randomBytes } from 'node:crypto';
import {
  generateAuthenticationOptions,
  verifyAuthenticationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server';
import { z } from 'zod';
import { ApiError } from '@/lib/api/errors';
import { CEREMONY_UIS } from '@/lib/ceremony-log/entry';
import type { SessionToken } from '@/lib/auth/session-cookie';
import { newSessionId } from '@/lib/auth/sessions';
import type { Hit } from '@/lib/rate-limit/rate-limit';
import { CHALLENGE_TTL_MS, storeChallenge } from './challenges';
import { readClientData } from './client-data';
import type { RelyingParty } from './relying-party';
import { authenticationResponseSchema } from './response-schemas';
import { consumeSignInChallenge, recordFailedSignIn, recordSignIn, type StoredPasskey } from './sign-in-store';
import { knownTransports } from './transports';
import { verificationError } from './verification-error';

/** `ui`: how the page started it (button, autofill, immediate, phone), for the ceremony log only. */
export const authenticationOptionsBody = z.strictObject({ ui: z.enum(CEREMONY_UIS).optional() });

export const authenticationVerifyBody = z.strictObject({ response: authenticationResponseSchema });

/**
 * Options for navigator.credentials.get(). For a sign-in, discoverable credentials: no
 * allowCredentials, so the browser offers whichever passkeys for the RP ID it holds and no
 * username is needed (and none is revealed to someone probing usernames). For a reauthentication
 * (`account`), only that account's passkeys, and the challenge is the account's. User
 * verification is required, as the verify step requires it: asking only for "preferred" would
 * let a key without a PIN finish the browser's prompt and then be refused.
 */
export async function authenticationOptions({
  rp,
  bindingHash,
  account,
  limits,
}: {
  rp: RelyingParty;
  bindingHash: string;
  account?: { userId: string; passkeys: { id: string; transports: string[] }[] };
  /** The rate limits this start counts against, counted with the challenge (storeChallenge). */
  limits?: Hit[];
}): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const options = await generateAuthenticationOptions({
    rpID: rp.rpId,
    challenge: randomBytes(32),
    timeout: CHALLENGE_TTL_MS,
    userVerification: 'required',
    allowCredentials: account?.passkeys.map((passkey) => ({ id: passkey.id, transports: knownTransports(passkey.transports) })),
  });
  await storeChallenge(
    {
      challenge: options.challenge,
      purpose: account ? 'reauthentication' : 'authentication',
      siteId: rp.site.id,
      bindingHash,
      userId: account?.userId,
    },
    limits,
  );
  return options;
}

export interface AuthenticationVerifyInput<Cookie> {
  rp: RelyingParty;
  body: z.output<typeof authenticationVerifyBody>;
  bindingHash: string | undefined;
  userAgent: string | null;
  /**
   * Encodes the new session for the browser (the cookie). Started as soon as the account is
   * known, so its crypto runs while the signature is checked and the result written; its result
   * is used only if the sign-in succeeds.
   */
  issueSession: (session: SessionToken) => Promise<Cookie>;
  /** The session this browser holds on this site, if any: a new sign-in ends it. */
  previousSessionId: string | undefined;
}

export interface AuthenticationResult<Cookie> {
  user: { id: string; username: string; displayName: string };
  passkey: { id: string; name: string };
  cookie: Cookie;
}

/**
 * Verifies an assertion made on this site for a challenge issued on this site, then records the
 * sign-in and opens a session for this site. Two statements: one uses the challenge and loads
 * the passkey, one writes the result. Failures after the challenge was used are recorded as
 * sign-in attempts with their reason; the client gets only the catalogue's generic message.
 */
export async function verifyAuthentication<Cookie>({
  rp,
  body,
  bindingHash,
  userAgent,
  issueSession,
  previousSessionId,
}: AuthenticationVerifyInput<Cookie>): Promise<AuthenticationResult<Cookie>> {
  const { passkey, clientData, refuse } = await consumeAssertionChallenge({ rp, response: body.response, bindingHash, purpose: 'authentication' });

  const sessionId = newSessionId();
  const cookie = issueSession({ sub: passkey.user.id, name: passkey.user.username, sid: sessionId });
  // Awaited only on success; a refusal below must not leave it rejecting unobserved.
  cookie.catch(() => undefined);

  const info = await checkAssertion({ rp, response: body.response, challenge: clientData.challenge, passkey, refuse });
  const recorded = await recordSignIn({
    passkeyId: passkey.id,
    siteId: rp.site.id,
    newCounter: info.newCounter,
    backedUp: info.backedUp,
    authenticatorAttachment: body.response.authenticatorAttachment ?? null,
    sessionId,
    userAgent,
    previousSessionId,
    bindingHash,
  });
  if (!recorded) {
    console.warn(`authentication refused: passkey ${passkey.id} counter ${info.newCounter} lost a race or the passkey was deleted`);
    await refuse(new ApiError('VERIFICATION_FAILED'), 'COUNTER_REGRESSION');
  }
  return {
    user: { id: passkey.user.id, username: passkey.user.username, displayName: passkey.user.displayName },
    passkey: { id: passkey.id, name: passkey.name },
    cookie: await cookie,
  };
}

/** Records a refused attempt with the passkey under the reason's code, and refuses with `error`. */
export type Refuse = (error: ApiError, reason?: string) => Promise<never>;

/**
 * The first steps of verifying an assertion, shared by sign-in and reauthentication: the client
 * data's type and origin (before anything is consumed), then the challenge used and the passkey
 * loaded in one statement. An unknown passkey is recorded and refused as UNKNOWN_CREDENTIAL, so
 * the browser can be told to forget it.
 */
export async function consumeAssertionChallenge({
  rp,
  response,
  bindingHash,
  purpose,
  userId,
}: {
  rp: RelyingParty;
  response: AuthenticationResponseJSON;
  bindingHash: string | undefined;
  purpose: 'authentication' | 'reauthentication';
  userId?: string;
}): Promise<{ passkey: StoredPasskey; clientData: { challenge: string }; refuse: Refuse }> {
  const clientData = readClientData(response.response.clientDataJSON, { type: 'webauthn.get', origin: rp.origin });
  const passkey = await consumeSignInChallenge({ challenge: clientData.challenge, siteId: rp.site.id, bindingHash, credentialId: response.id, purpose, userId });
  const attempt = { siteId: rp.site.id, authenticatorAttachment: response.authenticatorAttachment ?? null };
  if (!passkey) {
    await recordFailedSignIn({ ...attempt, errorCode: 'UNKNOWN_CREDENTIAL' });
    throw new ApiError('UNKNOWN_CREDENTIAL');
  }
  const refuse: Refuse = async (error, reason = error.code) => {
    await recordFailedSignIn({ ...attempt, userId: passkey.user.id, passkeyId: passkey.id, errorCode: reason });
    error.reason = reason;
    throw error;
  };
  return { passkey, clientData, refuse };
}

/**
 * Checks an assertion against the stored passkey, refusing (and recording why) on anything but a
 * genuine, user-verified one from the authenticator that registered it: the user handle, the
 * signature, RP ID hash and flags, the counter (only forward) and backup eligibility (fixed).
 * Writes nothing on success: the caller stores the counter, in a condition of its own UPDATE.
 */
export async function checkAssertion({
  rp,
  response,
  challenge,
  passkey,
  refuse,
}: {
  rp: RelyingParty;
  response: AuthenticationResponseJSON;
  challenge: string;
  passkey: StoredPasskey;
  refuse: Refuse;
}): Promise<{ newCounter: number; backedUp: boolean }> {
  if (response.response.userHandle !== passkey.user.webauthnUserId) await refuse(new ApiError('USER_HANDLE_MISMATCH'));

  const verification = await verifyAuthenticationResponse({
    response,
    expectedChallenge: challenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.rpId,
    credential: {
      id: passkey.id,
      publicKey: new Uint8Array(passkey.publicKey),
      // The counter is compared below and in the caller's UPDATE, where a concurrent use cannot
      // slip between the check and the write.
      counter: 0,
      transports: knownTransports(passkey.transports),
    },
    // A passkey is the only factor here: the authenticator must have verified the person.
    requireUserVerification: true,
  }).catch((error: unknown) => refuse(verificationError(error, 'authentication')));
  if (!verification.verified) await refuse(new ApiError('VERIFICATION_FAILED'));
  const info = verification.authenticationInfo;

  if (!counterMovedForward(passkey, info.newCounter)) await refuse(new ApiError('VERIFICATION_FAILED'), 'COUNTER_REGRESSION');
  // Backup eligibility is fixed when a credential is made (WebAuthn L3 §7.2 step 18): a change
  // means this is not the authenticator that registered it.
  if (info.credentialDeviceType !== passkey.deviceType) {
    console.warn(`authentication refused: passkey ${passkey.id} reports ${info.credentialDeviceType}, registered as ${passkey.deviceType}`);
    await refuse(new ApiError('VERIFICATION_FAILED'), 'BACKUP_ELIGIBILITY_CHANGED');
  }
  return { newCounter: info.newCounter, backedUp: info.credentialBackedUp };
}

/**
 * A signature counter must move forward (WebAuthn L3 §6.1.1); both at zero means the
 * authenticator keeps none, as synced passkeys do. Anything else may be a cloned authenticator.
 */
function counterMovedForward(passkey: StoredPasskey, newCounter: number): boolean {
  if (newCounter > passkey.counter || (newCounter === 0 && passkey.counter === 0)) return true;
  console.warn(`authentication refused: passkey ${passkey.id} counter went from ${passkey.counter} to ${newCounter}`);
  return false;
}
