import { once } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import https from 'node:https';
import type { Server, Socket } from 'node:net';
import { createConnectProxy } from '@/tools/edge/connect-proxy';
import { createSelfSignedCertificate } from '@/tools/edge/self-signed';

export type Handler = (request: IncomingMessage, response: ServerResponse) => void;

export interface TestDeployment {
  /** `http://127.0.0.1:<port>`: the CONNECT proxy that maps every hostname to the HTTPS server. */
  proxyUrl: string;
  /** The server's self-signed certificate, for `ca` / `--ca`. */
  certPem: string;
  /** What `GET https://{rpId}/.well-known/webauthn` answers from now on, for each of the RP IDs. */
  serveWellKnown(handler: Handler): void;
  /** Requests that reached the well-known, with their headers. */
  wellKnownRequests: IncomingMessage['headers'][];
  close(): Promise<void>;
}

/** A well-known handler sending `body` with the given status and content type. */
export function respond(status: number, contentType: string | undefined, body: string | Buffer, headers: Record<string, string> = {}): Handler {
  return (_request, response) => {
    response.writeHead(status, { ...(contentType ? { 'content-type': contentType } : {}), ...headers });
    response.end(body);
  };
}

/** A JSON well-known listing `origins` (any JSON values, to test bad entries). */
export function originsFile(origins: readonly unknown[]): Handler {
  return respond(200, 'application/json', JSON.stringify({ origins }));
}

/**
 * A stand-in for a deployment on real hostnames, as the local edge makes one: an HTTPS server on
 * an ephemeral port with a self-signed certificate for `hostnames`, reached through a CONNECT
 * proxy (tools/edge's own) that lets only those hostnames through. Every host's `/` answers 200;
 * the well-known of the RP ID hosts answers whatever the test sets.
 */
export async function startTestDeployment({ rpIds, hostnames }: { rpIds: readonly string[]; hostnames: readonly string[] }): Promise<TestDeployment> {
  const now = Date.now();
  const certificate = createSelfSignedCertificate({ hostnames, notBefore: new Date(now - 3_600_000), notAfter: new Date(now + 86_400_000) });
  let wellKnown: Handler = respond(404, 'text/plain', 'not set');
  const wellKnownRequests: IncomingMessage['headers'][] = [];

  const tlsServer = https.createServer({ key: certificate.keyPem, cert: certificate.certPem }, (request, response) => {
    const host = (request.headers.host ?? '').toLowerCase();
    if (rpIds.includes(host) && request.url === '/.well-known/webauthn') {
      wellKnownRequests.push(request.headers);
      wellKnown(request, response);
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(`<p>${host}</p>`);
  });
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };
  tlsServer.on('connection', track);
  const tlsPort = await listen(tlsServer);
  const proxy = createConnectProxy({ hostnames, tlsPort });
  proxy.on('connection', track);
  const proxyPort = await listen(proxy);

  return {
    proxyUrl: `http://127.0.0.1:${proxyPort}`,
    certPem: certificate.certPem,
    serveWellKnown(handler) {
      wellKnown = handler;
    },
    wellKnownRequests,
    async close() {
      const closed = Promise.all([once(tlsServer.close(), 'close'), once(proxy.close(), 'close')]);
      // Includes the connections a never-answering handler holds open.
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}

async function listen(server: Server): Promise<number> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('Expected a TCP address');
  return address.port;
}
