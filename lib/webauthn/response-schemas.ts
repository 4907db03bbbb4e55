import 'server-only';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { z } from 'zod';

// Generous caps: real responses are a few hundred bytes to a few kilobytes.
const base64url = (max: number) => z.string().min(1).max(max).regex(/^[A-Za-z0-9_-]+$/, 'must be base64url');

/** WebAuthn L3 §5.1: a credential ID is at most 1,023 bytes, which base64url spells in 1,364 characters. */
export const MAX_CREDENTIAL_ID_BYTES = 1023;
export const credentialId = z
  .string()
  .min(1)
  .max(Math.floor((MAX_CREDENTIAL_ID_BYTES * 4) / 3) + 1, `must be at most ${MAX_CREDENTIAL_ID_BYTES} bytes`)
  .regex(/^[A-Za-z0-9_-]+$/, 'must be base64url');

const common = {
  id: credentialId,
  rawId: credentialId,
  type: z.literal('public-key'),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
};

/** The shape SimpleWebAuthn's startRegistration() posts, checked before any crypto runs. */
export const registrationResponseSchema = z.object({
  ...common,
  response: z.looseObject({
    clientDataJSON: base64url(8192),
    attestationObject: base64url(32768),
    transports: z.array(z.string().max(32)).max(16).optional(),
  }),
}) satisfies z.ZodType<RegistrationResponseJSON, unknown>;

/**
 * The shape SimpleWebAuthn's startAuthentication() posts. Sign-in is discoverable (no
 * allowCredentials), so the authenticator must return the user handle (WebAuthn L3 §7.2 step 6).
 */
export const authenticationResponseSchema = z.object({
  ...common,
  response: z.looseObject({
    clientDataJSON: base64url(8192),
    authenticatorData: base64url(8192),
    signature: base64url(2048),
    userHandle: base64url(128),
  }),
}) satisfies z.ZodType<AuthenticationResponseJSON, unknown>;
