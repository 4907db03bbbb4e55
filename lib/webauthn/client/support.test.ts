import { describe, expect, it, vi } from 'vitest';
import { detectSupport } from './support';

describe('detectSupport', () => {
  it('reports no WebAuthn when PublicKeyCredential is missing', async () => {
    // The test environment is Node, which has no PublicKeyCredential: the default argument path.
    await expect(detectSupport()).resolves.toMatchObject({ webAuthn: false, conditionalGet: false });
  });

  it('prefers getClientCapabilities over the older checks', async () => {
    const isConditionalMediationAvailable = vi.fn(async () => false);
    const support = await detectSupport({
      getClientCapabilities: async () => ({ userVerifyingPlatformAuthenticator: true, conditionalGet: true, relatedOrigins: true }),
      isConditionalMediationAvailable,
    });
    expect(support).toEqual({ webAuthn: true, platformAuthenticator: true, conditionalGet: true, relatedOrigins: true });
    expect(isConditionalMediationAvailable).not.toHaveBeenCalled();
  });

  it('asks the older checks for capabilities getClientCapabilities leaves out', async () => {
    const support = await detectSupport({
      getClientCapabilities: async () => ({ passkeyPlatformAuthenticator: true, relatedOrigins: false }),
      isUserVerifyingPlatformAuthenticatorAvailable: async () => false,
      isConditionalMediationAvailable: async () => true,
    });
    expect(support).toEqual({ webAuthn: true, platformAuthenticator: false, conditionalGet: true, relatedOrigins: false });
  });

  it('falls back entirely in browsers without getClientCapabilities', async () => {
    const support = await detectSupport({
      isUserVerifyingPlatformAuthenticatorAvailable: async () => true,
      isConditionalMediationAvailable: async () => false,
    });
    expect(support).toEqual({ webAuthn: true, platformAuthenticator: true, conditionalGet: false, relatedOrigins: undefined });
  });

  it('treats a throwing check as unknown rather than failing detection', async () => {
    const support = await detectSupport({
      getClientCapabilities: () => Promise.reject(new DOMException('nope', 'NotSupportedError')),
    });
    expect(support).toEqual({ webAuthn: true, platformAuthenticator: undefined, conditionalGet: false, relatedOrigins: undefined });
  });
});
