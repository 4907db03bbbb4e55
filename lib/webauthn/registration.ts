import { randomBytes } from 'node:crypto';
import { generateRegistrationOptions, verifyRegistrationResponse, type PublicKeyCredentialCreationOptionsJSON } from '@simplewebauthn/server';
import { z } from 'zod';
import { parseUsername } from '@/lib/accounts/username';
import { ApiError } from '@/lib/api/errors';
import { createSession } from '@/lib/auth/sessions';
import { db } from '@/lib/db/client';
import { Prisma } from '@/lib/generated/prisma/client';
import { passkeyProvider } from './aaguids';
import { CHALLENGE_TTL_MS, consumeChallenge, storeChallenge } from './challenges';
import { readClientData } from './client-data';
import type { RelyingParty } from './relying-party';
import { registrationResponseSchema } from './response-schemas';
import { verificationError } from './verification-error';

/** ES256 first (every platform), RS256 for Windows Hello. */
const SUPPORTED_ALGORITHMS = [-7, -257];

export const registrationOptionsBody = z.strictObject({
  username: z.string().max(256).optional(),
  displayName: z.string().max(256).optional(),
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
  /** The signed-in account, if any: where a passkey is added when no username is sent. */
  sessionUserId: string | null;
  bindingHash: string;
}

/**
 * Options for navigator.credentials.create(). With a username it starts a sign-up for a new,
 * unused username (whoever is signed in); without one it adds a passkey to the session's
 * account and lists the existing ones in excludeCredentials, so an authenticator that already
 * holds one says so instead of making a second.
 */
export async function registrationOptions({ rp, body, sessionUserId, bindingHash }: RegistrationOptionsInput): Promise<PublicKeyCredentialCreationOptionsJSON> {
  let account: { userName: string; displayName: string; webauthnUserId: string; exclude: { id: string; transports: string[] }[] };
  let pending: z.infer<typeof pendingAccount> | undefined;

  if (body.username === undefined) {
    if (!sessionUserId) throw new ApiError('NOT_SIGNED_IN', 'Sign in to add a passkey, or send a username to create an account.');
    const user = await db.user.findUnique({ where: { id: sessionUserId }, include: { passkeys: { select: { id: true, transports: true } } } });
    if (!user) throw new ApiError('NOT_SIGNED_IN');
    account = { userName: user.username, displayName: user.displayName, webauthnUserId: user.webauthnUserId, exclude: user.passkeys };
  } else {
    const username = parseUsername(body.username);
    if (await db.user.findUnique({ where: { usernameKey: username.key }, select: { id: true } })) {
      throw new ApiError('USERNAME_TAKEN', `The username "${username.display}" is already taken.`);
    }
    const displayName = body.displayName?.normalize('NFKC').trim().slice(0, 128) || username.display;
    // Random, never derived from the username: authenticators may show or sync it.
    const webauthnUserId = randomBytes(32).toString('base64url');
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
    authenticatorSelection: { residentKey: 'required', requireResidentKey: true, userVerification: 'preferred' },
    supportedAlgorithmIDs: SUPPORTED_ALGORITHMS,
  });
  await storeChallenge({
    challenge: options.challenge,
    purpose: 'registration',
    siteId: rp.site.id,
    bindingHash,
    userId: pending ? undefined : (sessionUserId ?? undefined),
    pending,
  });
  return options;
}

export interface RegistrationVerifyInput {
  rp: RelyingParty;
  body: z.output<typeof registrationVerifyBody>;
  sessionUserId: string | null;
  bindingHash: string | undefined;
  userAgent: string | null;
}

export interface RegistrationResult {
  user: { id: string; username: string; displayName: string };
  passkey: { id: string; name: string };
  sessionId: string;
}

/**
 * Checks a new passkey and stores it: for a sign-up, the account and its first passkey are
 * created together or not at all; either way a session for this site comes with it.
 */
export async function verifyRegistration({ rp, body, sessionUserId, bindingHash, userAgent }: RegistrationVerifyInput): Promise<RegistrationResult> {
  const { response } = body;
  const clientData = readClientData(response.response.clientDataJSON, { type: 'webauthn.create', origin: rp.origin });
  const challenge = await consumeChallenge({
    challenge: clientData.challenge,
    purpose: 'registration',
    siteId: rp.site.id,
    bindingHash,
    userId: sessionUserId,
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
    throw verificationError(error);
  });
  if (!verification.verified) throw new ApiError('VERIFICATION_FAILED');
  const info = verification.registrationInfo;

  const provider = passkeyProvider(info.aaguid);
  try {
    return await db.$transaction(async (tx) => {
      const user = challenge.userId
        ? await tx.user.findUnique({ where: { id: challenge.userId } })
        : await tx.user.create({ data: { ...pendingAccount.parse(challenge.pending), createdOnSite: rp.site.id } });
      // The account was deleted while its passkey was being made.
      if (!user) throw new ApiError('NOT_SIGNED_IN');
      const passkey = await tx.passkey.create({
        data: {
          id: info.credential.id,
          userId: user.id,
          publicKey: info.credential.publicKey,
          counter: info.credential.counter,
          transports: info.credential.transports ?? [],
          deviceType: info.credentialDeviceType,
          backedUp: info.credentialBackedUp,
          aaguid: info.aaguid,
          name: provider?.name ?? `Passkey from ${rp.site.name}`,
          createdOnSite: rp.site.id,
        },
      });
      const sessionId = await createSession(tx, { userId: user.id, siteId: rp.site.id, passkeyId: passkey.id, userAgent });
      return {
        user: { id: user.id, username: user.username, displayName: user.displayName },
        passkey: { id: passkey.id, name: passkey.name },
        sessionId,
      };
    });
  } catch (error) {
    throw uniqueViolation(error) ?? error;
  }
}

/** The two races a unique index settles: a username taken meanwhile, a passkey stored twice. */
function uniqueViolation(error: unknown): ApiError | undefined {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== 'P2002') return undefined;
  const target = JSON.stringify(error.meta ?? {});
  if (target.includes('username_key') || target.includes('usernameKey')) return new ApiError('USERNAME_TAKEN');
  return new ApiError('CREDENTIAL_ALREADY_REGISTERED');
}
