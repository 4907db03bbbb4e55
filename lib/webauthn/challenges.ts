import { ApiError } from '@/lib/api/errors';
import { db } from '@/lib/db/client';
import { Prisma, type ChallengePurpose } from '@/lib/generated/prisma/client';

/** How long a ceremony may take, matching the options' timeout. */
export const CHALLENGE_TTL_MS = 5 * 60 * 1000;

/** Expired rows are kept this long so a late reply is told "expired", not "not found". */
const EXPIRED_RETENTION_MS = 24 * 60 * 60 * 1000;

export interface StoreChallengeInput {
  /** The options' challenge, base64url, as the browser will echo it in clientDataJSON. */
  challenge: string;
  purpose: ChallengePurpose;
  siteId: string;
  bindingHash: string;
  userId?: string;
  pending?: Prisma.InputJsonValue;
}

/** Stores the challenge of a ceremony being started, sweeping long-expired ones on the way. */
export async function storeChallenge(input: StoreChallengeInput): Promise<void> {
  const now = Date.now();
  await db.$transaction([
    db.challenge.deleteMany({ where: { expiresAt: { lt: new Date(now - EXPIRED_RETENTION_MS) } } }),
    db.challenge.create({ data: { ...input, expiresAt: new Date(now + CHALLENGE_TTL_MS) } }),
  ]);
}

export interface ConsumeChallengeInput {
  challenge: string;
  purpose: ChallengePurpose;
  siteId: string;
  /** Undefined when the request carries no binding cookie. */
  bindingHash: string | undefined;
  /**
   * Registration only: the signed-in account, or null. A challenge issued to add a passkey to an
   * account is usable only in that account's session; a sign-up challenge by anyone who holds it.
   */
  userId?: string | null;
}

export type ConsumedChallenge = Prisma.ChallengeGetPayload<object>;

/**
 * Takes a challenge out of the store in one DELETE that matches every condition, so it can be
 * used once, only by the browser, site and ceremony it was issued for, and only in time, even
 * with concurrent requests. When nothing matches, nothing is written and the error says why.
 */
export async function consumeChallenge(input: ConsumeChallengeInput): Promise<ConsumedChallenge> {
  const { challenge, purpose, siteId, bindingHash, userId } = input;
  if (bindingHash) {
    try {
      return await db.challenge.delete({
        where: { challenge, purpose, siteId, bindingHash, expiresAt: { gt: new Date() }, ...accountCondition(userId) },
      });
    } catch (error) {
      if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2025')) throw error;
    }
  }
  throw await whyNotConsumable(input);
}

function accountCondition(userId: string | null | undefined): Pick<Prisma.ChallengeWhereInput, 'userId' | 'OR'> {
  if (userId === undefined) return {};
  return userId === null ? { userId: null } : { OR: [{ userId: null }, { userId }] };
}

async function whyNotConsumable({ challenge, purpose, siteId, bindingHash, userId }: ConsumeChallengeInput): Promise<ApiError> {
  const stored = await db.challenge.findUnique({ where: { challenge } });
  if (!stored) return new ApiError('CHALLENGE_NOT_FOUND');
  if (stored.siteId !== siteId) return new ApiError('CHALLENGE_SITE_MISMATCH', `This ceremony was started on site "${stored.siteId}", not "${siteId}".`);
  if (stored.purpose !== purpose) return new ApiError('CHALLENGE_PURPOSE_MISMATCH', `This challenge was issued for ${stored.purpose}, not ${purpose}.`);
  if (stored.bindingHash !== bindingHash) return new ApiError('CHALLENGE_NOT_BOUND');
  if (userId !== undefined && stored.userId !== null && stored.userId !== userId) {
    return userId === null ? new ApiError('NOT_SIGNED_IN', 'Sign in again to finish adding this passkey.') : new ApiError('ACCOUNT_MISMATCH');
  }
  return new ApiError('CHALLENGE_EXPIRED');
}
