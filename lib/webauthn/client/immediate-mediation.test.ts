import { describe, expect, it } from 'vitest';
import { getImmediately, immediateShape, type ImmediateEnvironment } from './immediate-mediation';

/**
 * A stand-in for navigator.credentials.get() that converts its options the way WebIDL does: it
 * reads every dictionary member it knows, in order. Node has no navigator.credentials, so the
 * browser is simulated here; the e2e suite runs the real one.
 */
function browser({ immediateGet = true, knowsUiMode }: { immediateGet?: boolean; knowsUiMode: boolean }): ImmediateEnvironment & { calls: number } {
  const env = {
    calls: 0,
    getClientCapabilities: () => Promise.resolve({ immediateGet, conditionalGet: true }),
    credentialsGet: (options: CredentialRequestOptions) => {
      env.calls++;
      const members = ['mediation', 'password', 'publicKey', 'signal', ...(knowsUiMode ? ['uiMode'] : [])];
      for (const member of members) void (options as Record<string, unknown>)[member];
      return Promise.reject(new DOMException('Only one credential type', 'NotSupportedError'));
    },
  };
  return env;
}

describe('immediateShape', () => {
  it('uses uiMode wherever get() knows it', async () => {
    await expect(immediateShape(browser({ knowsUiMode: true }))).resolves.toBe('uiMode');
  });

  it('falls back to the origin-trial mediation shape only when get() does not know uiMode', async () => {
    await expect(immediateShape(browser({ knowsUiMode: false }))).resolves.toBe('mediation');
  });

  it('offers nothing without the immediateGet capability, and never calls get() to find out', async () => {
    const env = browser({ immediateGet: false, knowsUiMode: true });
    await expect(immediateShape(env)).resolves.toBeNull();
    expect(env.calls).toBe(0);
    await expect(immediateShape({ credentialsGet: env.credentialsGet })).resolves.toBeNull();
    await expect(immediateShape({ getClientCapabilities: () => Promise.reject(new Error('no')), credentialsGet: env.credentialsGet })).resolves.toBeNull();
  });
});

const OPTIONS = { challenge: 'AAECAwQFBgcICQoLDA0ODw', rpId: 'example.com', timeout: 60_000, userVerification: 'required' as const, allowCredentials: [{ id: 'AQID', type: 'public-key' as const }] };

function recordingGet(answer: () => Promise<Credential | null>) {
  const seen: CredentialRequestOptions[] = [];
  return { seen, credentialsGet: (options: CredentialRequestOptions) => (seen.push(options), answer()) };
}

function assertion(): Credential {
  const bytes = (...values: number[]) => new Uint8Array(values).buffer;
  return {
    id: 'AQID',
    type: 'public-key',
    rawId: bytes(1, 2, 3),
    authenticatorAttachment: 'platform',
    getClientExtensionResults: () => ({}),
    response: { clientDataJSON: bytes(123, 125), authenticatorData: bytes(0), signature: bytes(48), userHandle: bytes(9) },
  } as unknown as Credential;
}

describe('getImmediately', () => {
  it('asks in the current shape: uiMode immediate, no mediation, no signal, no allowCredentials, passwords when asked', async () => {
    const get = recordingGet(() => Promise.resolve(assertion()));
    const result = await getImmediately('uiMode', OPTIONS, { password: true, credentialsGet: get.credentialsGet });
    const [request] = get.seen;
    expect(request).toMatchObject({ uiMode: 'immediate', password: true });
    expect(request).not.toHaveProperty('mediation');
    expect(request).not.toHaveProperty('signal');
    expect(request?.publicKey).not.toHaveProperty('allowCredentials');
    expect(result).toEqual({
      kind: 'passkey',
      response: {
        id: 'AQID',
        rawId: 'AQID',
        type: 'public-key',
        clientExtensionResults: {},
        authenticatorAttachment: 'platform',
        response: { clientDataJSON: 'e30', authenticatorData: 'AA', signature: 'MA', userHandle: 'CQ' },
      },
    });
  });

  it('asks in the origin-trial shape when that is the one, and without password when not asked', async () => {
    const get = recordingGet(() => Promise.resolve(assertion()));
    await getImmediately('mediation', OPTIONS, { password: false, credentialsGet: get.credentialsGet });
    expect(get.seen[0]).toMatchObject({ mediation: 'immediate' });
    expect(get.seen[0]).not.toHaveProperty('uiMode');
    expect(get.seen[0]).not.toHaveProperty('password');
  });

  it('reads NotAllowedError (nothing here, or dismissed) as nothing, and lets any other error through', async () => {
    const none = recordingGet(() => Promise.reject(new DOMException('none', 'NotAllowedError')));
    await expect(getImmediately('uiMode', OPTIONS, { password: false, credentialsGet: none.credentialsGet })).resolves.toEqual({ kind: 'nothing' });
    const refused = recordingGet(() => Promise.reject(new DOMException('not listed', 'SecurityError')));
    await expect(getImmediately('uiMode', OPTIONS, { password: false, credentialsGet: refused.credentialsGet })).rejects.toMatchObject({ name: 'SecurityError' });
  });

  it('returns a saved password the person chose', async () => {
    const password = { id: 'alice', type: 'password', password: 'correct horse battery' } as unknown as Credential;
    const get = recordingGet(() => Promise.resolve(password));
    await expect(getImmediately('uiMode', OPTIONS, { password: true, credentialsGet: get.credentialsGet })).resolves.toEqual({ kind: 'password', username: 'alice', password: 'correct horse battery' });
  });
});
