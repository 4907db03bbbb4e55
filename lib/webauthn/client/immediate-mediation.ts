import {
  base64URLStringToBuffer,
  bufferToBase64URLString,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/browser';

/**
 * How this browser spells an immediate get(): `uiMode: 'immediate'` (WebAuthn L3, w3c/webauthn#2291,
 * Chrome 145+), the origin-trial `mediation: 'immediate'` (Chrome 139–144, which newer Chromium
 * refuses with a TypeError), or not at all.
 */
export type ImmediateShape = 'uiMode' | 'mediation';

/** The parts of the browser the decision reads, so tests can stand in for them. */
export interface ImmediateEnvironment {
  getClientCapabilities?: () => Promise<Record<string, boolean | undefined>>;
  credentialsGet?: (options: CredentialRequestOptions) => Promise<Credential | null>;
}

function browserEnvironment(): ImmediateEnvironment {
  const statics = globalThis.PublicKeyCredential as { getClientCapabilities?: () => Promise<Record<string, boolean | undefined>> } | undefined;
  return {
    getClientCapabilities: statics?.getClientCapabilities?.bind(statics),
    credentialsGet: typeof navigator === 'undefined' ? undefined : navigator.credentials?.get.bind(navigator.credentials),
  };
}

class ShapeProbe extends Error {}

/**
 * Whether get() knows the `uiMode` member. A browser that does not would ignore it and open its
 * modal dialog, the dead end immediate mode exists to avoid, so this cannot be learnt by trying.
 * WebIDL converts the whole options dictionary, reading each member it knows, before anything
 * else happens: a getter that throws ends the call right there, with no prompt and no request.
 */
async function knowsUiMode(credentialsGet: NonNullable<ImmediateEnvironment['credentialsGet']>): Promise<boolean> {
  let read = false;
  const probe = {
    get uiMode(): string {
      read = true;
      throw new ShapeProbe();
    },
  };
  try {
    await credentialsGet(probe as CredentialRequestOptions);
  } catch {
    // The probe's own error, or the browser's refusal of options that ask for nothing.
  }
  return read;
}

/**
 * Which immediate shape to use, or null for none: only where getClientCapabilities() says
 * `immediateGet`, the current `uiMode` shape whenever get() knows it, the origin-trial shape only
 * when it does not.
 */
export async function immediateShape(environment: ImmediateEnvironment = browserEnvironment()): Promise<ImmediateShape | null> {
  const { getClientCapabilities, credentialsGet } = environment;
  if (!getClientCapabilities || !credentialsGet) return null;
  const capabilities = await getClientCapabilities().catch(() => ({}) as Record<string, boolean | undefined>);
  if (capabilities.immediateGet !== true) return null;
  return (await knowsUiMode(credentialsGet)) ? 'uiMode' : 'mediation';
}

/** What an immediate get() came back with. */
export type ImmediateResult =
  | { kind: 'passkey'; response: AuthenticationResponseJSON }
  | { kind: 'password'; username: string; password: string }
  /** Nothing on this device for this site, or the person dismissed the dialog (NotAllowedError). */
  | { kind: 'nothing' };

/** The request options the browser takes, from the server's JSON (SimpleWebAuthn's shape). */
function requestOptions(json: PublicKeyCredentialRequestOptionsJSON): PublicKeyCredentialRequestOptions {
  return {
    challenge: base64URLStringToBuffer(json.challenge),
    rpId: json.rpId,
    timeout: json.timeout,
    userVerification: json.userVerification,
    // Immediate mode lists what is on this device itself: no allowCredentials.
  };
}

function responseJSON(credential: PublicKeyCredential): AuthenticationResponseJSON {
  const response = credential.response as AuthenticatorAssertionResponse;
  return {
    id: credential.id,
    rawId: bufferToBase64URLString(credential.rawId),
    type: 'public-key',
    clientExtensionResults: credential.getClientExtensionResults(),
    authenticatorAttachment: (credential.authenticatorAttachment ?? undefined) as AuthenticationResponseJSON['authenticatorAttachment'],
    response: {
      clientDataJSON: bufferToBase64URLString(response.clientDataJSON),
      authenticatorData: bufferToBase64URLString(response.authenticatorData),
      signature: bufferToBase64URLString(response.signature),
      userHandle: response.userHandle ? bufferToBase64URLString(response.userHandle) : undefined,
    },
  };
}

/**
 * One immediate get(), which must run in a click's user activation: the browser shows at once
 * what this device holds for the site (passkeys, and saved passwords when `password` is asked
 * for) or rejects at once. No abort signal, as immediate mode requires.
 */
export async function getImmediately(
  shape: ImmediateShape,
  options: PublicKeyCredentialRequestOptionsJSON,
  { password, credentialsGet = browserEnvironment().credentialsGet }: { password: boolean; credentialsGet?: ImmediateEnvironment['credentialsGet'] },
): Promise<ImmediateResult> {
  if (!credentialsGet) return { kind: 'nothing' };
  const request = {
    publicKey: requestOptions(options),
    ...(password && { password: true }),
    ...(shape === 'uiMode' ? { uiMode: 'immediate' } : { mediation: 'immediate' }),
  } as CredentialRequestOptions;
  let credential: Credential | null;
  try {
    credential = await credentialsGet(request);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'NotAllowedError') return { kind: 'nothing' };
    throw error;
  }
  if (!credential) return { kind: 'nothing' };
  if (credential.type === 'password') {
    const saved = credential as Credential & { password?: string };
    return { kind: 'password', username: credential.id, password: saved.password ?? '' };
  }
  return { kind: 'passkey', response: responseJSON(credential as PublicKeyCredential) };
}
