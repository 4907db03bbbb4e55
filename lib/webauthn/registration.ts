import 'server-only';
import { randomBytes } from 'node:crypto';
import { generateRegistrationOptions, verifyRegistrationResponse, type PublicKeyCredentialCreationOptionsJSON } from '@simplewebauthn/server';
import { z } from 'zod';
import { parseDisplayName } from '@/lib/accounts/display-name';
import { parseUsername } from '@/lib/accounts/username';
import { CEREMONY_UIS } from '@/lib/ceremony-log/entry';
import { ApiError } from '@/lib/api/errors';
import { requireRecentReauthentication, type AccountSession } from '@/lib/auth/reauthentication';
import type { SessionToken } from '@/lib/auth/session-cookie';
import { newSessionId } from '@/lib/auth/sessions';
import { db } from '@/lib/db/client';
import { passkeyProvider } from './aaguids';
import { CHALLENGE_TTL_MS, consumeChallenge, storeChallenge } from './challenges';
import { readClientData } from './client-data';
import { addPasskey, createAccount, newWebAuthnUserId, usernameTaken, type NewPasskey } from './registration-store';
import type { RelyingParty } from './relying-party';
import { unusablePublicKey } from './public-key';
import { MAX_CREDENTIAL_ID_BYTES, registrationResponseSchema } from './response-schemas';
import { knownTransports } from './transports';
import { verificationError } from './verification-error';

/** ES256 first (every platform), RS256 for Windows Hello. */
const SUPPORTED_ALGORITHMS = [-7, -257];

export const registrationOptionsBody = z.strictObject({
  username: z.string().max(256).optional(),
  displayName: z.string().max(256).optional(),
  /** 'platform' asks for a passkey on this device itself (after a sign-in with a phone). */
  authenticatorAttachment: z.literal('platform').optional(),
  /** How the page started it, for the ceremony log only (lib/ceremony-log). */
  ui: z.enum(CEREMONY_UIS).optional(),
});

export const registrationVerifyBody = z.strictObject({ response: registrationResponseSchema });

/** What a sign-up carries from options to verify: the account to create once the passkey verifies. */
const pendingAccount = z.object({
  username: z.string(),
  usernameKey: z.string(),
  displayName: z.string(),
  webauthnUserId: z.string(),
});

export interface RegistrationOptionsInput {
  rp: RelyingParty;
  body: z.output<typeof registrationOptionsBody>;
  /** The signed-in session, if any: its account is where a passkey is added when no username is sent. */
  session: AccountSession | null;
  bindingHash: string;
}

/**
 * Options for navigator.credentials.create(). With a username it starts a sign-up for a new,
 * unused username (whoever is signed in); without one it adds a passkey to the session's
 * account, which needs a recent reauthentication, and lists the existing ones in
 * excludeCredentials, so an authenticator that already holds one says so instead of making a
 * second.
 */
export async function registrationOptions({ rp, body, session, bindingHash }: RegistrationOptionsInput): Promise<PublicKeyCredentialCreationOptionsJSON> {
  let account: { userName: string; displayName: string; webauthnUserId: string; exclude: { id: string; transports: string[] }[] };
  let pending: z.infer<typeof pendingAccount> | undefined;

  if (body.username === undefined) {
    if (!session) throw new ApiError('NOT_SIGNED_IN', 'Sign in to add a passkey, or send a username to create an account.');
    await requireRecentReauthentication(session);
    const user = await db.user.findUnique({ where: { id: session.userId }, include: { passkeys: { select: { id: true, transports: true } } } });
    if (!user) throw new ApiError('NOT_SIGNED_IN');
    account = { userName: user.username, displayName: user.displayName, webauthnUserId: user.webauthnUserId, exclude: user.passkeys };
  } else {
    const username = parseUsername(body.username);
    if (await usernameTaken(username.key)) {
      throw new ApiError('USERNAME_TAKEN', `The username "${username.display}" is already taken.`);
    }
    const displayName = parseDisplayName(body.displayName) ?? username.display;
    const webauthnUserId = newWebAuthnUserId();
    pending = { username: username.display, usernameKey: username.key, displayName, webauthnUserId };
    account = { userName: username.display, displayName, webauthnUserId, exclude: [] };
  }

  const options = await generateRegistrationOptions({
    rpName: rp.rpName,
    rpID: rp.rpId,
    userName: account.userName,
    userID: Buffer.from(account.webauthnUserId, 'base64url'),
    userDisplayName: account.displayName,
    challenge: randomBytes(32),
    timeout: CHALLENGE_TTL_MS,
    attestationType: 'none',
    excludeCredentials: account.exclude,
    // Required, as the verify step requires it: "preferred" would let a key without a PIN
    // finish the browser's prompt and then be refused.
    authenticatorSelection: {
      residentKey: 'required',
      requireResidentKey: true,
      userVerification: 'required',
      ...(body.authenticatorAttachment && { authenticatorAttachment: body.authenticatorAttachment }),
    },
    supportedAlgorithmIDs: SUPPORTED_ALGORITHMS,
  });
  await storeChallenge({
    challenge: options.challenge,
    purpose: 'registration',
    siteId: rp.site.id,
    bindingHash,
    userId: pending ? undefined : session?.userId,
    pending,
  });
  return options;
}

export interface RegistrationVerifyInput {
  rp: RelyingParty;
  body: z.output<typeof registrationVerifyBody>;
  session: AccountSession | null;
  bindingHash: string | undefined;
  userAgent: string | null;
  /** The session this browser holds on this site, if any: a sign-up ends it. */
  previousSessionId: string | undefined;
}

export interface RegistrationResult {
  user: { id: string; username: string; displayName: string };
  passkey: { id: string; name: string };
  /** A sign-up opens a session; adding a passkey keeps the session that asked. */
  session?: SessionToken;
}

/**
 * Checks a new passkey and stores it: for a sign-up, the account, its first passkey and a
 * session for this site are created together or not at all; otherwise the passkey joins the
 * signed-in account, if the session was reauthenticated recently (checked in the INSERT).
 */
export async function verifyRegistration({ rp, body, session, bindingHash, userAgent, previousSessionId }: RegistrationVerifyInput): Promise<RegistrationResult> {
  const { response } = body;
  const clientData = readClientData(response.response.clientDataJSON, { type: 'webauthn.create', origin: rp.origin });
  const challenge = await consumeChallenge({
    challenge: clientData.challenge,
    purpose: 'registration',
    siteId: rp.site.id,
    bindingHash,
    userId: session?.userId ?? null,
  });

  const verification = await verifyRegistrationResponse({
    response,
    expectedChallenge: challenge.challenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.rpId,
    // The passkey will be the account's only factor, so it must verify the person.
    requireUserVerification: true,
    supportedAlgorithmIDs: SUPPORTED_ALGORITHMS,
  }).catch((error: unknown) => {
    throw verificationError(error, 'registration');
  });
  if (!verification.verified) throw new ApiError('VERIFICATION_FAILED');
  const info = verification.registrationInfo;
  // The id the authenticator attested, not only the one the body claims, must fit the limit.
  if (Buffer.from(info.credential.id, 'base64url').length > MAX_CREDENTIAL_ID_BYTES) {
    const tooLong = new ApiError('INVALID_REQUEST', `The credential ID is longer than ${MAX_CREDENTIAL_ID_BYTES} bytes.`);
    tooLong.reason = 'CREDENTIAL_ID_TOO_LONG';
    throw tooLong;
  }
  const unusable = unusablePublicKey(info.credential.publicKey);
  if (unusable) throw verificationError(new Error(`credential public key: ${unusable}`), 'registration');

  const passkey: NewPasskey = {
    id: info.credential.id,
    publicKey: info.credential.publicKey,
    counter: info.credential.counter,
    transports: knownTransports(info.credential.transports ?? []),
    deviceType: info.credentialDeviceType,
    backedUp: info.credentialBackedUp,
    aaguid: info.aaguid,
    name: passkeyProvider(info.aaguid)?.name ?? `Passkey from ${rp.site.name}`,
    siteId: rp.site.id,
  };
  if (challenge.userId) {
    // consumeChallenge hands an account's challenge only to that account's session.
    if (!session) throw new ApiError('NOT_SIGNED_IN');
    return addPasskey(session, passkey);
  }

  const sessionId = newSessionId();
  const stored = await createAccount(pendingAccount.parse(challenge.pending), passkey, { id: sessionId, userAgent, previousSessionId, bindingHash });
  return { ...stored, session: { sub: stored.user.id, name: stored.user.username, sid: sessionId } };
}
