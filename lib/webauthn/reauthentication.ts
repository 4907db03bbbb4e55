import 'server-only';
import type { PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { z } from 'zod';
import { ApiError } from '@/lib/api/errors';
import { CEREMONY_UIS } from '@/lib/ceremony-log/entry';
import type { AccountSession } from '@/lib/auth/reauthentication';
import { db } from '@/lib/db/client';
import { authenticationOptions, checkAssertion, consumeAssertionChallenge } from './authentication';
import type { RelyingParty } from './relying-party';
import { authenticationResponseSchema } from './response-schemas';
import { recordReauthentication } from './sign-in-store';

/** `ui`: how the page started it, for the ceremony log only. */
export const reauthenticationOptionsBody = z.strictObject({ ui: z.enum(CEREMONY_UIS).optional() });

export const reauthenticationVerifyBody = z.strictObject({ response: authenticationResponseSchema });

/**
 * Options for proving again, with one of the account's own passkeys, that its owner is at this
 * browser: allowCredentials lists them (with their transports), so the browser offers no other
 * account's, and user verification is required. The challenge is bound to this browser and to the
 * account. An account without a passkey is told to use its password (NO_PASSKEY).
 */
export async function reauthenticationOptions({
  rp,
  bindingHash,
  session,
}: {
  rp: RelyingParty;
  bindingHash: string;
  session: AccountSession;
}): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const passkeys = await db.passkey.findMany({ where: { userId: session.userId }, orderBy: { createdAt: 'asc' }, select: { id: true, transports: true } });
  if (passkeys.length === 0) throw new ApiError('NO_PASSKEY');
  return authenticationOptions({ rp, bindingHash, account: { userId: session.userId, passkeys } });
}

/**
 * Verifies the assertion with the checks of a sign-in (challenge used once, origin, RP ID, user
 * verification, counter only forward, backup eligibility), for a passkey of the session's own
 * account, then marks this session, and only this one, as reauthenticated. Returns until when.
 * Failures are recorded as failed sign-in attempts, as at sign-in: they show in the account's
 * security notices.
 */
export async function verifyReauthentication({
  rp,
  body,
  bindingHash,
  session,
}: {
  rp: RelyingParty;
  body: z.output<typeof reauthenticationVerifyBody>;
  bindingHash: string | undefined;
  session: AccountSession;
}): Promise<Date> {
  const { response } = body;
  const { passkey, clientData, refuse } = await consumeAssertionChallenge({ rp, response, bindingHash, purpose: 'reauthentication', userId: session.userId });
  if (passkey.user.id !== session.userId) await refuse(new ApiError('ACCOUNT_MISMATCH', 'This passkey belongs to another account than the one signed in.'));

  const info = await checkAssertion({ rp, response, challenge: clientData.challenge, passkey, refuse });
  const recorded = await recordReauthentication({ passkeyId: passkey.id, userId: session.userId, siteId: rp.site.id, ...info, sessionId: session.sessionId });
  if (!recorded.counterMoved) {
    console.warn(`reauthentication refused: passkey ${passkey.id} counter ${info.newCounter} lost a race or the passkey was deleted`);
    await refuse(new ApiError('VERIFICATION_FAILED'), 'COUNTER_REGRESSION');
  }
  if (!recorded.reauthenticatedUntil) throw new ApiError('NOT_SIGNED_IN');
  return recorded.reauthenticatedUntil;
}
