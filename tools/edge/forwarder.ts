import http from 'node:http';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

// Hop-by-hop headers (RFC 9110 §7.6.1) describe one connection, not the message; Node frames
// each side itself, so forwarding them would contradict its framing.
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

export type ForwarderOptions = {
  upstreamHost: string;
  upstreamPort: number;
};

export type Forwarder = {
  /** For the TLS server's `request` event. */
  handleRequest(request: IncomingMessage, response: ServerResponse): void;
  /** For the TLS server's `upgrade` event (WebSockets, e.g. Next dev's HMR). */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Closes pooled upstream connections (upgraded ones close with their browser side). */
  close(): void;
};

/**
 * Forwards decrypted requests to the plain-HTTP app, keeping `Host` exactly as the browser sent it
 * (the app picks the site from it) and telling the app, through `X-Forwarded-*`, that the browser
 * spoke HTTPS on port 443. Bodies are piped in both directions, never buffered.
 */
export function createForwarder({ upstreamHost, upstreamPort }: ForwarderOptions): Forwarder {
  const agent = new http.Agent({ keepAlive: true });
  const upstream = `http://${upstreamHost}:${upstreamPort}`;

  function upstreamRequest(request: IncomingMessage, headers: OutgoingHttpHeaders, useAgent: boolean) {
    return http.request({
      host: upstreamHost,
      port: upstreamPort,
      method: request.method,
      path: request.url,
      headers,
      agent: useAgent ? agent : false,
      // The original Host goes through untouched; Node only adds one when none is given.
      setHost: false,
    });
  }

  return {
    handleRequest(request, response) {
      const upstreamReq = upstreamRequest(request, forwardedHeaders(request, false), true);
      upstreamReq.on('response', (upstreamRes) => {
        response.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.statusMessage, endToEnd(upstreamRes.headersDistinct));
        // Streaming responses (RSC, server-sent events) must reach the browser before they end.
        response.flushHeaders();
        upstreamRes.pipe(response);
        upstreamRes.on('error', () => response.destroy());
      });
      upstreamReq.on('error', (error) => {
        // Mid-response there is no way to signal the failure but cutting the connection.
        if (response.headersSent || response.destroyed) {
          response.destroy();
          return;
        }
        const body = badGatewayBody(upstream, error);
        response.writeHead(502, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(body) });
        response.end(body);
      });
      // Browser went away (tab closed, navigation): stop the upstream work too.
      response.on('close', () => {
        if (!response.writableFinished) upstreamReq.destroy();
      });
      request.pipe(upstreamReq);
    },

    handleUpgrade(request, socket, head) {
      socket.on('error', () => socket.destroy());
      const upstreamReq = upstreamRequest(request, forwardedHeaders(request, true), false);
      upstreamReq.on('upgrade', (upstreamRes, upstreamSocket, upstreamHead) => {
        upstreamSocket.on('error', () => socket.destroy());
        socket.on('close', () => upstreamSocket.destroy());
        upstreamSocket.on('close', () => socket.destroy());
        socket.write(rawResponseHead(upstreamRes, upstreamRes.rawHeaders));
        if (upstreamHead.length > 0) socket.write(upstreamHead);
        if (head.length > 0) upstreamSocket.write(head);
        upstreamSocket.pipe(socket);
        socket.pipe(upstreamSocket);
      });
      // Upstream declined the upgrade (e.g. 404 or 426): relay its answer and hang up. Node has
      // already de-chunked the body, so the closing socket delimits it instead.
      upstreamReq.on('response', (upstreamRes) => {
        const rawHeaders = upstreamRes.rawHeaders.flatMap((value, i, all) =>
          i % 2 === 0 && !HOP_BY_HOP.has(value.toLowerCase()) ? [value, all[i + 1] ?? ''] : [],
        );
        socket.write(rawResponseHead(upstreamRes, [...rawHeaders, 'connection', 'close']));
        upstreamRes.pipe(socket);
      });
      upstreamReq.on('error', (error) => {
        const body = badGatewayBody(upstream, error);
        socket.end(
          `HTTP/1.1 502 Bad Gateway\r\ncontent-type: text/plain; charset=utf-8\r\n` +
            `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
        );
      });
      socket.on('close', () => upstreamReq.destroy());
      upstreamReq.end();
    },

    close() {
      agent.destroy();
    },
  };
}

function forwardedHeaders(request: IncomingMessage, isUpgrade: boolean): OutgoingHttpHeaders {
  const headers = isUpgrade ? allHeaders(request.headersDistinct) : endToEnd(request.headersDistinct);
  const host = request.headers.host ?? '';
  // Set, not appended: the edge is the first hop, so any incoming X-Forwarded-* is not to be trusted.
  headers['x-forwarded-proto'] = 'https';
  headers['x-forwarded-host'] = host;
  headers['x-forwarded-port'] = /:(\d+)$/.exec(host)?.[1] ?? '443';
  headers['x-forwarded-for'] = request.socket.remoteAddress ?? '127.0.0.1';
  return headers;
}

function allHeaders(headers: NodeJS.Dict<string[]>): OutgoingHttpHeaders {
  const result: OutgoingHttpHeaders = {};
  for (const [name, values] of Object.entries(headers)) if (values) result[name] = single(values);
  return result;
}

function endToEnd(headers: NodeJS.Dict<string[]>): OutgoingHttpHeaders {
  const named = new Set(
    (headers.connection ?? []).flatMap((value) => value.split(',').map((token) => token.trim().toLowerCase())),
  );
  const result: OutgoingHttpHeaders = {};
  for (const [name, values] of Object.entries(headers)) {
    if (values && !HOP_BY_HOP.has(name) && !named.has(name)) result[name] = single(values);
  }
  return result;
}

/** Arrays only where a header really repeats (Set-Cookie); Node insists that Host is a string. */
function single(values: string[]): string | string[] {
  return values.length === 1 && values[0] !== undefined ? values[0] : values;
}

/** Status line and headers for a socket that no longer has an HTTP response object. */
function rawResponseHead(response: IncomingMessage, rawHeaders: string[]): string {
  const lines = [`HTTP/1.1 ${response.statusCode ?? 502} ${response.statusMessage ?? ''}`];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    lines.push(`${rawHeaders[i]}: ${rawHeaders[i + 1]}`);
  }
  return `${lines.join('\r\n')}\r\n\r\n`;
}

function badGatewayBody(upstream: string, error: Error): string {
  const code = 'code' in error && typeof error.code === 'string' ? error.code : error.message;
  return `Bad gateway: the app at ${upstream} did not answer (${code}). Is it running?\n`;
}
