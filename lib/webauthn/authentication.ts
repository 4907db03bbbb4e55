import { randomBytes } from 'node:crypto';
import {
  generateAuthenticationOptions,
  verifyAuthenticationResponse,
  type AuthenticatorTransport,
  type PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server';
import { z } from 'zod';
import { ApiError } from '@/lib/api/errors';
import { createSession } from '@/lib/auth/sessions';
import { db } from '@/lib/db/client';
import { CHALLENGE_TTL_MS, consumeChallenge, storeChallenge } from './challenges';
import { readClientData } from './client-data';
import type { RelyingParty } from './relying-party';
import { authenticationResponseSchema } from './response-schemas';
import { verificationError } from './verification-error';

export const authenticationOptionsBody = z.strictObject({});

export const authenticationVerifyBody = z.strictObject({ response: authenticationResponseSchema });

/**
 * Options for navigator.credentials.get() with discoverable credentials: no allowCredentials,
 * so the browser offers whichever passkeys for the RP ID it holds and no username is needed
 * (and none is revealed to someone probing usernames).
 */
export async function authenticationOptions({ rp, bindingHash }: { rp: RelyingParty; bindingHash: string }): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const options = await generateAuthenticationOptions({
    rpID: rp.rpId,
    challenge: randomBytes(32),
    timeout: CHALLENGE_TTL_MS,
    userVerification: 'preferred',
  });
  await storeChallenge({ challenge: options.challenge, purpose: 'authentication', siteId: rp.site.id, bindingHash });
  return options;
}

export interface AuthenticationVerifyInput {
  rp: RelyingParty;
  body: z.output<typeof authenticationVerifyBody>;
  bindingHash: string | undefined;
  userAgent: string | null;
}

export interface AuthenticationResult {
  user: { id: string; username: string; displayName: string };
  passkey: { id: string; name: string };
  sessionId: string;
}

/**
 * Verifies an assertion made on this site for a challenge issued on this site, then records
 * the sign-in and opens a session for this site, all in one transaction. Failures after the
 * challenge was used are recorded as sign-in attempts with their error code.
 */
export async function verifyAuthentication({ rp, body, bindingHash, userAgent }: AuthenticationVerifyInput): Promise<AuthenticationResult> {
  const { response } = body;
  const clientData = readClientData(response.response.clientDataJSON, { type: 'webauthn.get', origin: rp.origin });
  const challenge = await consumeChallenge({ challenge: clientData.challenge, purpose: 'authentication', siteId: rp.site.id, bindingHash });
  const attempt = { siteId: rp.site.id, authenticatorAttachment: response.authenticatorAttachment ?? null };

  const passkey = await db.passkey.findUnique({ where: { id: response.id }, include: { user: true } });
  if (!passkey) {
    await recordFailure({ ...attempt, errorCode: 'UNKNOWN_CREDENTIAL' });
    throw new ApiError('UNKNOWN_CREDENTIAL');
  }
  const failed = async (error: ApiError): Promise<never> => {
    await recordFailure({ ...attempt, userId: passkey.userId, passkeyId: passkey.id, errorCode: error.code });
    throw error;
  };

  const userHandle = response.response.userHandle;
  if (userHandle !== undefined && userHandle !== passkey.user.webauthnUserId) await failed(new ApiError('USER_HANDLE_MISMATCH'));

  const verification = await verifyAuthenticationResponse({
    response,
    expectedChallenge: challenge.challenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.rpId,
    credential: {
      id: passkey.id,
      publicKey: new Uint8Array(passkey.publicKey),
      counter: Number(passkey.counter),
      transports: passkey.transports.filter(isTransport),
    },
    // A passkey is the only factor here: the authenticator must have verified the person.
    requireUserVerification: true,
  }).catch((error: unknown) => failed(verificationError(error)));
  if (!verification.verified) await failed(new ApiError('VERIFICATION_FAILED'));
  const info = verification.authenticationInfo;

  return db.$transaction(async (tx) => {
    await tx.passkey.update({
      where: { id: passkey.id },
      // The counter is saved so a cloned authenticator replaying an older one is caught;
      // the backup state can change over a passkey's life (e.g. sync switched on later).
      data: { counter: info.newCounter, backedUp: info.credentialBackedUp, lastUsedAt: new Date(), lastUsedOnSite: rp.site.id },
    });
    await tx.signInEvent.create({ data: { ...attempt, userId: passkey.userId, passkeyId: passkey.id, success: true } });
    const sessionId = await createSession(tx, { userId: passkey.userId, siteId: rp.site.id, passkeyId: passkey.id, userAgent });
    return {
      user: { id: passkey.user.id, username: passkey.user.username, displayName: passkey.user.displayName },
      passkey: { id: passkey.id, name: passkey.name },
      sessionId,
    };
  });
}

const TRANSPORTS: readonly string[] = ['ble', 'hybrid', 'internal', 'nfc', 'usb'] satisfies AuthenticatorTransport[];

function isTransport(value: string): value is AuthenticatorTransport {
  return TRANSPORTS.includes(value);
}

async function recordFailure(event: { siteId: string; authenticatorAttachment: string | null; userId?: string; passkeyId?: string; errorCode: string }): Promise<void> {
  await db.signInEvent.create({ data: { ...event, success: false } });
}
