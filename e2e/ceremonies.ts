import type { Page } from '@playwright/test';
// Options are typed with the DOM's JSON types (what the wire carries); responses with SimpleWebAuthn's, which the server checks.
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { siteById } from '@/lib/sites/config';
import { origin } from './fixtures';
import { requestAs, type RawResponse } from './http';

/** The JSON API's endpoints, all POST. */
export const API = {
  registrationOptions: '/api/webauthn/registration/options',
  registrationVerify: '/api/webauthn/registration/verify',
  authenticationOptions: '/api/webauthn/authentication/options',
  authenticationVerify: '/api/webauthn/authentication/verify',
  renamePasskey: '/api/account/passkeys/rename',
  signOut: '/api/account/sign-out',
  passwordSignUp: '/api/password/sign-up',
  passwordSignIn: '/api/password/sign-in',
  reauthenticateOptions: '/api/account/reauthenticate/options',
  reauthenticateVerify: '/api/account/reauthenticate/verify',
  reauthenticatePassword: '/api/account/reauthenticate/password',
  deletePasskey: '/api/account/passkeys/delete',
  displayName: '/api/account/display-name',
  listSessions: '/api/account/sessions/list',
  endSession: '/api/account/sessions/end',
  endOtherSessions: '/api/account/sessions/end-others',
  deleteAccount: '/api/account/delete',
} as const;

export type ApiPath = (typeof API)[keyof typeof API];

export const BINDING_COOKIE = '__Host-atlas-ceremony';

/** One answer of the JSON API, with every Set-Cookie header it carried. */
export interface ApiAnswer {
  status: number;
  json: unknown;
  setCookies: string[];
}

export interface SignedIn {
  user: { id: string; username: string; displayName: string };
  passkey: { id: string; name: string };
}

/** The body of a 200 answer, typed by the caller; any other status fails with the whole answer. */
export function ok<T>(answer: ApiAnswer): T {
  if (answer.status !== 200) throw new Error(`Expected 200, got ${answer.status}: ${JSON.stringify(answer.json)}`);
  return answer.json as T;
}

/** What a WebAuthn call in the page ended with: the credential's JSON, or the DOMException. */
export type CeremonyOutcome<T> = { ok: true; credential: T } | { ok: false; name: string; message: string };

// ---- Run inside the page (serialised by page.evaluate: self-contained, no imports) ----

async function postInPage({ path, body }: { path: string; body: unknown }): Promise<{ status: number; text: string }> {
  const response = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, text: await response.text() };
}

async function sessionInPage(): Promise<{ user?: { id: string; name: string } } | null> {
  const response = await fetch('/api/auth/session');
  return (await response.json()) as { user?: { id: string; name: string } } | null;
}

async function createInPage(options: PublicKeyCredentialCreationOptionsJSON): Promise<CeremonyOutcome<RegistrationResponseJSON>> {
  try {
    const credential = await navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options) });
    if (!(credential instanceof PublicKeyCredential)) return { ok: false, name: 'NoCredential', message: String(credential) };
    return { ok: true, credential: credential.toJSON() };
  } catch (error) {
    return error instanceof DOMException ? { ok: false, name: error.name, message: error.message } : { ok: false, name: 'Error', message: String(error) };
  }
}

async function getInPage(options: PublicKeyCredentialRequestOptionsJSON): Promise<CeremonyOutcome<AuthenticationResponseJSON>> {
  try {
    const credential = await navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options) });
    if (!(credential instanceof PublicKeyCredential)) return { ok: false, name: 'NoCredential', message: String(credential) };
    return { ok: true, credential: credential.toJSON() };
  } catch (error) {
    return error instanceof DOMException ? { ok: false, name: error.name, message: error.message } : { ok: false, name: 'Error', message: String(error) };
  }
}

// ---- Run in the test ----

function parseJson(text: string): unknown {
  // A non-JSON answer (an HTML error page) is kept as text so the assertion shows it.
  if (!text) return null;
  return /^[[{]/.test(text.trimStart()) ? (JSON.parse(text) as unknown) : text;
}

/**
 * The JSON API and WebAuthn as a page on one of the sites uses them: fetch() through the edge
 * with the page's cookies, navigator.credentials answered by the page's virtual authenticator.
 */
export class Ceremonies {
  constructor(private readonly page: Page) {}

  /** Opens a site's home page, so the calls that follow run on that origin. */
  async visit(siteId: string): Promise<void> {
    await this.page.goto(origin(siteId));
  }

  /** Opens a hostname's home page (for aliases such as www.example.com). */
  async visitHost(hostname: string): Promise<void> {
    await this.page.goto(`https://${hostname}/`);
  }

  /** POSTs JSON from the page; Set-Cookie is read from the browser's view of the response. */
  async post(path: ApiPath, body: unknown): Promise<ApiAnswer> {
    const url = new URL(path, this.page.url()).toString();
    const [response, answer] = await Promise.all([
      this.page.waitForResponse((r) => r.url() === url && r.request().method() === 'POST'),
      this.page.evaluate(postInPage, { path, body }),
    ]);
    const setCookies = (await response.headersArray()).filter((h) => h.name.toLowerCase() === 'set-cookie').map((h) => h.value);
    return { status: answer.status, json: parseJson(answer.text), setCookies };
  }

  registrationOptions(body: { username?: string; displayName?: string } = {}): Promise<ApiAnswer> {
    return this.post(API.registrationOptions, body);
  }

  registrationVerify(response: RegistrationResponseJSON): Promise<ApiAnswer> {
    return this.post(API.registrationVerify, { response });
  }

  authenticationOptions(): Promise<ApiAnswer> {
    return this.post(API.authenticationOptions, {});
  }

  authenticationVerify(response: AuthenticationResponseJSON): Promise<ApiAnswer> {
    return this.post(API.authenticationVerify, { response });
  }

  /** navigator.credentials.create() in the page; the outcome, even when it is a DOMException. */
  tryCreate(options: PublicKeyCredentialCreationOptionsJSON): Promise<CeremonyOutcome<RegistrationResponseJSON>> {
    return this.page.evaluate(createInPage, options);
  }

  /** navigator.credentials.get() in the page; the outcome, even when it is a DOMException. */
  tryGet(options: PublicKeyCredentialRequestOptionsJSON): Promise<CeremonyOutcome<AuthenticationResponseJSON>> {
    return this.page.evaluate(getInPage, options);
  }

  async create(options: PublicKeyCredentialCreationOptionsJSON): Promise<RegistrationResponseJSON> {
    const outcome = await this.tryCreate(options);
    if (!outcome.ok) throw new Error(`create() failed: ${outcome.name}: ${outcome.message}`);
    return outcome.credential;
  }

  async get(options: PublicKeyCredentialRequestOptionsJSON): Promise<AuthenticationResponseJSON> {
    const outcome = await this.tryGet(options);
    if (!outcome.ok) throw new Error(`get() failed: ${outcome.name}: ${outcome.message}`);
    return outcome.credential;
  }

  /** Registration options then create(), stopping before verify. */
  async startSignUp(username: string): Promise<{ options: PublicKeyCredentialCreationOptionsJSON; response: RegistrationResponseJSON }> {
    const { options } = ok<{ options: PublicKeyCredentialCreationOptionsJSON }>(await this.registrationOptions({ username }));
    return { options, response: await this.create(options) };
  }

  /** Authentication options then get(), stopping before verify. */
  async startSignIn(): Promise<{ options: PublicKeyCredentialRequestOptionsJSON; response: AuthenticationResponseJSON }> {
    const { options } = ok<{ options: PublicKeyCredentialRequestOptionsJSON }>(await this.authenticationOptions());
    return { options, response: await this.get(options) };
  }

  /** A whole sign-up on the current site: the new account and passkey. */
  async signUp(username: string): Promise<SignedIn & { answer: ApiAnswer }> {
    const { response } = await this.startSignUp(username);
    const answer = await this.registrationVerify(response);
    return { ...ok<SignedIn>(answer), answer };
  }

  /** A whole sign-in on the current site with whichever passkey the authenticator offers. */
  async signIn(): Promise<SignedIn & { answer: ApiAnswer }> {
    const { response } = await this.startSignIn();
    const answer = await this.authenticationVerify(response);
    return { ...ok<SignedIn>(answer), answer };
  }

  /** Who Auth.js says is signed in on the current site, or null. */
  async sessionUser(): Promise<{ id: string; name: string } | null> {
    const session = await this.page.evaluate(sessionInPage);
    return session?.user ?? null;
  }

  /** The Cookie header this browser would send to a site (HttpOnly cookies included). */
  async cookieHeader(siteId: string): Promise<string> {
    const cookies = await this.page.context().cookies(origin(siteId));
    return cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  }

  /** The value of this browser's ceremony binding cookie on a site. */
  async bindingCookie(siteId: string): Promise<string> {
    const cookies = await this.page.context().cookies(origin(siteId));
    const binding = cookies.find((c) => c.name === BINDING_COOKIE);
    if (!binding) throw new Error(`No ${BINDING_COOKIE} cookie on ${siteId}`);
    return `${BINDING_COOKIE}=${binding.value}`;
  }
}

/**
 * A POST straight to the app with a chosen Host and Cookie header, for what a browser will not
 * send: another site's cookies, no cookie at all, raw or oversized bodies.
 */
export async function postAs(
  host: string,
  path: ApiPath,
  { body, cookie, contentType = 'application/json', headers = {} }: { body: string; cookie?: string; contentType?: string | null; headers?: Record<string, string> },
): Promise<ApiAnswer & { headers: RawResponse['headers'] }> {
  const response = await requestAs(host, path, {
    method: 'POST',
    headers: { ...(contentType === null ? {} : { 'content-type': contentType }), ...(cookie ? { cookie } : {}), ...headers },
    body,
  });
  const setCookie = response.headers['set-cookie'] ?? [];
  return { status: response.status, json: parseJson(response.body), setCookies: setCookie, headers: response.headers };
}

/** The primary hostname of a site, e.g. host('uk') → example.co.uk. */
export function host(siteId: string): string {
  const hostname = siteById(siteId)?.hostnames[0];
  if (!hostname) throw new Error(`No site "${siteId}" in sites.config.ts`);
  return hostname;
}

/** The challenge a response answers, read from its clientDataJSON as the server reads it. */
export function challengeOf(response: RegistrationResponseJSON | AuthenticationResponseJSON): string {
  const clientData = JSON.parse(Buffer.from(response.response.clientDataJSON, 'base64url').toString('utf8')) as { challenge: string };
  return clientData.challenge;
}
