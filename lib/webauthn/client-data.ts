import 'server-only';
import { z } from 'zod';
import { ApiError } from '@/lib/api/errors';

const clientDataSchema = z.object({
  type: z.string(),
  // Base64url, as every challenge issued here is: anything else (a NUL, say) is no challenge of ours.
  challenge: z.string().min(1).max(128).regex(/^[A-Za-z0-9_-]+$/),
  origin: z.string(),
  crossOrigin: z.boolean().optional(),
  topOrigin: z.unknown().optional(),
});

export type ClientData = z.infer<typeof clientDataSchema>;

/**
 * Reads clientDataJSON before anything is consumed or written, so a response for another
 * origin or ceremony is refused without touching the stored challenge. The signature over it
 * is checked later by SimpleWebAuthn.
 */
export function readClientData(clientDataJSON: string, expected: { type: 'webauthn.create' | 'webauthn.get'; origin: string }): ClientData {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(clientDataJSON, 'base64url').toString('utf8'));
  } catch {
    throw new ApiError('INVALID_REQUEST', 'response.response.clientDataJSON is not base64url-encoded JSON.');
  }
  const result = clientDataSchema.safeParse(parsed);
  if (!result.success) throw new ApiError('INVALID_REQUEST', 'response.response.clientDataJSON lacks type, challenge or origin.');
  const data = result.data;
  if (data.type !== expected.type) {
    throw new ApiError('UNEXPECTED_CEREMONY_TYPE', `Unexpected client data type "${data.type}", expected "${expected.type}".`);
  }
  if (data.origin !== expected.origin) {
    throw new ApiError('ORIGIN_MISMATCH', `Unexpected origin "${data.origin.slice(0, 200)}", expected "${expected.origin}".`);
  }
  // The sites never ask for a ceremony inside another site's frame; one made there is refused
  // even though its origin is ours, so no other page can drive our ceremonies by framing us.
  if (data.crossOrigin === true || data.topOrigin !== undefined) throw new ApiError('CROSS_ORIGIN_REFUSED');
  return data;
}
