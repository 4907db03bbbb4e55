import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';

/** Chromium gives up on the well-known after 10 s (remote_validation.cc). */
export const DEFAULT_TIMEOUT_MS = 10_000;

/** How the doctor reaches the sites: directly, or through an HTTP CONNECT proxy such as the local edge. */
export interface Transport {
  /** `http://host:port` of a proxy that tunnels `CONNECT host:443`. Direct connections when absent. */
  proxy?: URL;
  /** Certificates (PEM) trusted in addition to Node's root store, e.g. the local edge's self-signed one. */
  ca?: string;
  /** Deadline for the whole request (connection, TLS, headers and body). Default 10 s. */
  timeoutMs?: number;
}

/** Where a request failed, before any HTTP response was read. */
export type TransportFailure =
  | { stage: 'timeout'; timeoutMs: number }
  | { stage: 'connect'; detail: string }
  | { stage: 'proxy'; detail: string }
  | { stage: 'tls'; detail: string }
  | { stage: 'http'; detail: string };

export type HttpsOutcome =
  | { kind: 'response'; status: number; headers: IncomingHttpHeaders; body: Buffer; truncated: boolean }
  | { kind: 'failure'; failure: TransportFailure };

export interface HttpsGetOptions {
  /** Body bytes to keep; reading stops (truncated: true) once more arrive. 0 reads headers only. */
  maxBodyBytes: number;
}

class StageError extends Error {
  constructor(readonly failure: TransportFailure) {
    super(failure.stage);
  }
}

/**
 * `GET https://{hostname}{path}` on port 443, as a browser's credential-less fetch: no cookies,
 * no Referer, redirects not followed (the caller sees the 3xx). Each stage is its own step so a
 * failure says which one broke: name resolution or the proxy, the certificate, or HTTP.
 * Never throws.
 */
export async function httpsGet(hostname: string, path: string, transport: Transport, { maxBodyBytes }: HttpsGetOptions): Promise<HttpsOutcome> {
  const timeoutMs = transport.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  // Everything opened, as soon as it is opened: a deadline must also end a CONNECT or handshake still pending.
  const opened: { destroy(): void }[] = [];
  let settled = false;
  const track = <T extends { destroy(): void }>(resource: T): T => {
    // A step that starts after the deadline is ended at once.
    if (settled) resource.destroy();
    else opened.push(resource);
    return resource;
  };
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<HttpsOutcome>((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'failure', failure: { stage: 'timeout', timeoutMs } }), timeoutMs);
  });
  const attempt = (async (): Promise<HttpsOutcome> => {
    try {
      const raw = transport.proxy ? await openTunnel(transport.proxy, hostname, track) : await openDirect(hostname, track);
      const secure = await startTls(track(raw), hostname, transport.ca, track);
      return await request(secure, hostname, path, maxBodyBytes, track);
    } catch (error) {
      if (error instanceof StageError) return { kind: 'failure', failure: error.failure };
      return { kind: 'failure', failure: { stage: 'http', detail: describeError(error) } };
    }
  })();
  try {
    return await Promise.race([attempt, deadline]);
  } finally {
    clearTimeout(timer);
    settled = true;
    // A request past its deadline is abandoned here; its pending steps then fail quietly.
    for (const resource of opened) resource.destroy();
  }
}

type Track = <T extends { destroy(): void }>(resource: T) => T;

function openDirect(hostname: string, track: Track): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = track(net.connect({ host: hostname, port: 443 }));
    socket.once('connect', () => {
      socket.removeAllListeners('error');
      resolve(socket);
    });
    socket.once('error', (error) => {
      socket.destroy();
      reject(new StageError({ stage: 'connect', detail: describeError(error) }));
    });
  });
}

function openTunnel(proxy: URL, hostname: string, track: Track): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    const authority = `${hostname}:443`;
    const connect = track(http.request({
      host: proxy.hostname,
      port: proxy.port || 80,
      method: 'CONNECT',
      path: authority,
      headers: { host: authority },
      agent: false,
    }));
    const refused = (response: IncomingMessage) =>
      new StageError({ stage: 'proxy', detail: `the proxy ${proxy.host} answered ${response.statusCode ?? '?'} to CONNECT ${authority}` });
    connect.once('connect', (response: IncomingMessage, socket: Duplex, head: Buffer) => {
      if (response.statusCode !== 200) {
        socket.destroy();
        reject(refused(response));
        return;
      }
      if (head.length > 0) socket.unshift(head);
      resolve(socket);
    });
    // Some proxies answer a refused CONNECT as an ordinary response.
    connect.once('response', (response: IncomingMessage) => {
      response.destroy();
      reject(refused(response));
    });
    connect.once('error', (error) => reject(new StageError({ stage: 'proxy', detail: `the proxy ${proxy.host} could not be reached: ${describeError(error)}` })));
    connect.end();
  });
}

function startTls(socket: Duplex, hostname: string, ca: string | undefined, track: Track): Promise<tls.TLSSocket> {
  return new Promise((resolve, reject) => {
    const secure = track(tls.connect({
      socket,
      servername: hostname,
      secureContext: ca === undefined ? undefined : contextTrusting(ca),
      ALPNProtocols: ['http/1.1'],
    }));
    secure.once('secureConnect', () => {
      secure.removeAllListeners('error');
      resolve(secure);
    });
    secure.once('error', (error) => {
      secure.destroy();
      reject(new StageError({ stage: 'tls', detail: describeError(error) }));
    });
  });
}

let trusted: { ca: string; context: tls.SecureContext } | undefined;

/**
 * A context trusting the public roots plus `ca` (added, not instead, so --ca never hides a real
 * site's chain). Kept for the next request: parsing the roots takes tens of milliseconds.
 */
function contextTrusting(ca: string): tls.SecureContext {
  if (trusted?.ca !== ca) trusted = { ca, context: tls.createSecureContext({ ca: [...tls.rootCertificates, ca] }) };
  return trusted.context;
}

function request(socket: tls.TLSSocket, hostname: string, path: string, maxBodyBytes: number, track: Track): Promise<HttpsOutcome> {
  return new Promise((resolve, reject) => {
    const fail = (error: unknown) => reject(new StageError({ stage: 'http', detail: describeError(error) }));
    const outgoing = track(http.request({
      createConnection: () => socket,
      host: hostname,
      path,
      method: 'GET',
      // What Chromium's well-known fetch carries: no cookie, no Referer, nothing identifying.
      headers: { host: hostname, accept: '*/*', connection: 'close' },
    }));
    outgoing.once('error', fail);
    outgoing.once('response', (response) => {
      if (maxBodyBytes === 0) {
        response.destroy();
        resolve({ kind: 'response', status: response.statusCode ?? 0, headers: response.headers, body: Buffer.alloc(0), truncated: false });
        return;
      }
      const chunks: Buffer[] = [];
      let received = 0;
      const done = (truncated: boolean) => {
        resolve({ kind: 'response', status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks), truncated });
      };
      response.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > maxBodyBytes) {
          chunks.push(chunk.subarray(0, chunk.length - (received - maxBodyBytes)));
          response.destroy();
          done(true);
          return;
        }
        chunks.push(chunk);
      });
      response.once('end', () => done(false));
      response.once('error', fail);
      // After `end` or a deliberate stop this changes nothing: the promise is already settled.
      response.once('close', () => {
        if (!response.complete) fail(new Error('the connection closed before the response ended'));
      });
    });
    outgoing.end();
  });
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as NodeJS.ErrnoException).code;
  return code && !error.message.includes(code) ? `${error.message} (${code})` : error.message;
}
