/** What this browser offers for passkeys, as far as it will say. */
export interface WebAuthnSupport {
  /** `PublicKeyCredential` exists: ceremonies can run at all. */
  webAuthn: boolean;
  /** A user-verifying authenticator built into this device (Touch ID, Windows Hello…); undefined when the browser cannot tell. */
  platformAuthenticator: boolean | undefined;
  /** Passkeys can be offered in a username field's autofill (conditional mediation). */
  conditionalGet: boolean;
  /** Origins listed in the RP ID's /.well-known/webauthn are accepted; undefined when the browser cannot tell. */
  relatedOrigins: boolean | undefined;
}

/**
 * The static methods detection reads. All optional: each arrived in a different browser
 * release, and `getClientCapabilities()` (WebAuthn Level 3) is the newest.
 */
export interface PublicKeyCredentialStatics {
  getClientCapabilities?: () => Promise<Record<string, boolean | undefined>>;
  isUserVerifyingPlatformAuthenticatorAvailable?: () => Promise<boolean>;
  isConditionalMediationAvailable?: () => Promise<boolean>;
}

const NO_WEBAUTHN: WebAuthnSupport = {
  webAuthn: false,
  platformAuthenticator: false,
  conditionalGet: false,
  relatedOrigins: false,
};

// A check that is missing or throws tells us nothing, which is what undefined means here. The
// checks are called as methods: Chromium rejects them detached from PublicKeyCredential.
async function quietly<Value>(ask: () => Promise<Value> | undefined): Promise<Value | undefined> {
  try {
    return await ask();
  } catch {
    return undefined;
  }
}

/**
 * Prefers `getClientCapabilities()`, which answers everything at once; a capability it does not
 * mention (or the whole method, in older browsers) falls back to the older single-purpose checks.
 */
export async function detectSupport(
  statics: PublicKeyCredentialStatics | undefined = globalThis.PublicKeyCredential,
): Promise<WebAuthnSupport> {
  if (!statics) return NO_WEBAUTHN;
  const capabilities = (await quietly(() => statics.getClientCapabilities?.())) ?? {};
  const platformAuthenticator =
    capabilities.userVerifyingPlatformAuthenticator ??
    (await quietly(() => statics.isUserVerifyingPlatformAuthenticatorAvailable?.()));
  const conditionalGet =
    capabilities.conditionalGet ?? (await quietly(() => statics.isConditionalMediationAvailable?.()));
  return {
    webAuthn: true,
    platformAuthenticator,
    conditionalGet: conditionalGet ?? false,
    relatedOrigins: capabilities.relatedOrigins,
  };
}
