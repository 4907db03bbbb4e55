import 'server-only';
import { z } from 'zod';
import { ApiError } from '@/lib/api/errors';

const clientDataSchema = z.object({
  type: z.string(),
  challenge: z.string().min(1).max(128),
  origin: z.string(),
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
    throw new ApiError('ORIGIN_MISMATCH', `Unexpected origin "${data.origin}", expected "${expected.origin}".`);
  }
  return data;
}
