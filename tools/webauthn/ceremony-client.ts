import http from 'node:http';
import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server';
import { CookieJar } from './cookie-jar';
import { SoftAuthenticator, type SoftCredential } from './soft-authenticator';

export interface JsonResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: unknown;
}

/** Both requests of one ceremony, for callers that look at more than success. */
export interface Ceremony {
  options: JsonResponse;
  verify: JsonResponse;
}

export interface CeremonyClientOptions {
  /** Where the server, or a balancer in front of it, listens (on `address`, default localhost). */
  port: number;
  address?: string;
  /** The site this client is on: sent as Host, and the client data's origin is `https://<host>`. */
  host: string;
  /** The passkey provider; a new, empty one by default. */
  authenticator?: SoftAuthenticator;
  /** Connection reuse; one keep-alive socket of its own by default, as a browser tab has. */
  agent?: http.Agent;
  /** The User-Agent header to send; none by default. */
  userAgent?: string;
}

/** A request of a ceremony that did not answer 200: the ceremony cannot go on. */
export class CeremonyError extends Error {
  override name = 'CeremonyError';
  constructor(
    readonly path: string,
    readonly response: JsonResponse,
    method: 'GET' | 'POST' = 'POST',
  ) {
    super(`${method} ${path} answered ${response.status}: ${JSON.stringify(response.body).slice(0, 500)}`);
  }
}

/**
 * The JSON API as one browser on one site uses it, without a browser: its Host, its cookie jar
 * (the ceremony binding and the session come back on every request), its passkey provider. The
 * requests go straight to the server as a TLS-terminating proxy forwards them, over node:http
 * because fetch cannot set Host.
 */
export class CeremonyClient {
  readonly jar = new CookieJar();
  readonly authenticator: SoftAuthenticator;
  readonly origin: string;
  private readonly agent: http.Agent;
  private readonly ownsAgent: boolean;

  constructor(private readonly options: CeremonyClientOptions) {
    this.authenticator = options.authenticator ?? new SoftAuthenticator();
    this.ownsAgent = options.agent === undefined;
    this.agent = options.agent ?? new http.Agent({ keepAlive: true, maxSockets: 1 });
    this.origin = `https://${options.host}`;
  }

  /** Closes the keep-alive socket this client opened itself (a shared agent is its owner's). */
  close(): void {
    if (this.ownsAgent) this.agent.destroy();
  }

  /** A new account: options with a username, then the new passkey's registration. */
  signUp(username: string, displayName?: string): Promise<Ceremony> {
    return this.register({ username, ...(displayName === undefined ? {} : { displayName }) });
  }

  /** Another passkey for the account this client's session belongs to. */
  addPasskey(): Promise<Ceremony> {
    return this.register({});
  }

  /** A discoverable sign-in with `credential`, or the provider's first passkey for the RP ID. */
  signIn(credential?: SoftCredential): Promise<Ceremony> {
    return this.assertion('/api/webauthn/authentication', credential);
  }

  /** Proves again, with a passkey of the signed-in account (`credential`, or the first one the options allow), that its owner is here. */
  reauthenticate(credential?: SoftCredential): Promise<Ceremony> {
    return this.assertion('/api/account/reauthenticate', credential);
  }

  /** POSTs JSON; any status but 200 throws a CeremonyError. */
  async post(path: string, body: unknown): Promise<JsonResponse> {
    const response = await this.answer(path, body);
    if (response.status !== 200) throw new CeremonyError(path, response);
    return response;
  }

  /** POSTs JSON and returns the answer, a refusal as much as a success. */
  answer(path: string, body: unknown): Promise<JsonResponse> {
    return this.send(path, JSON.stringify(body));
  }

  /** GETs a page as this browser; any status but 200 throws a CeremonyError. */
  async get(path: string): Promise<JsonResponse> {
    const response = await this.send(path);
    if (response.status !== 200) throw new CeremonyError(path, response, 'GET');
    return response;
  }

  /** `<ceremony>/options`, an assertion for them, then `<ceremony>/verify`. */
  private async assertion(ceremony: string, credential?: SoftCredential): Promise<Ceremony> {
    const options = await this.post(`${ceremony}/options`, {});
    const { options: request } = options.body as { options: PublicKeyCredentialRequestOptionsJSON };
    const response = this.authenticator.get(request, this.origin, credential ? { credential } : {});
    const verify = await this.post(`${ceremony}/verify`, { response });
    return { options, verify };
  }

  private async register(body: { username?: string; displayName?: string }): Promise<Ceremony> {
    const options = await this.post('/api/webauthn/registration/options', body);
    const { options: creation } = options.body as { options: PublicKeyCredentialCreationOptionsJSON };
    const response = this.authenticator.create(creation, this.origin);
    const verify = await this.post('/api/webauthn/registration/verify', { response });
    return { options, verify };
  }

  /** A POST of `payload` as JSON, or a GET without one. */
  private send(path: string, payload?: string): Promise<JsonResponse> {
    const cookie = this.jar.header();
    return new Promise((resolve, reject) => {
      const request = http.request(
        {
          host: this.options.address ?? 'localhost',
          port: this.options.port,
          path,
          method: payload === undefined ? 'GET' : 'POST',
          agent: this.agent,
          headers: {
            host: this.options.host,
            'x-forwarded-proto': 'https',
            ...(payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
            ...(cookie === undefined ? {} : { cookie }),
            ...(this.options.userAgent === undefined ? {} : { 'user-agent': this.options.userAgent }),
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            this.jar.store(response.headers['set-cookie']);
            const text = Buffer.concat(chunks).toString('utf8');
            let body: unknown = text;
            try {
              body = JSON.parse(text);
            } catch {
              // Not JSON (an HTML error page, a proxy's message): kept as text for the error.
            }
            resolve({ status: response.statusCode ?? 0, headers: response.headers, body });
          });
        },
      );
      request.on('error', reject);
      request.end(payload);
    });
  }
}
