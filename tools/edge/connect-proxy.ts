import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import net from 'node:net';
import type { Duplex } from 'node:stream';

export type ConnectProxyOptions = {
  /** Normalized (lower-case ASCII) hostnames the proxy lets through. */
  hostnames: readonly string[];
  /** Where `CONNECT <configured host>:443` is tunnelled to: the edge's TLS server. */
  tlsPort: number;
};

/**
 * The HTTP proxy a browser is pointed at. It only ever reaches the project's own sites, so a
 * browser using it cannot leak to the real internet (Chromium contacts Google at start-up; those
 * tunnels are refused at once rather than left to time out).
 */
export function createConnectProxy({ hostnames, tlsPort }: ConnectProxyOptions): http.Server {
  const allowed = new Set(hostnames);
  const server = http.createServer((request, response) => handlePlainRequest(allowed, request, response));

  server.on('connect', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const target = parseAuthority(request.url ?? '');
    if (!target || target.port !== '443' || !allowed.has(target.host)) {
      refuseTunnel(socket, request.url ?? '');
      return;
    }
    const tunnel = net.connect(tlsPort, '127.0.0.1');
    tunnel.on('error', () => socket.destroy());
    tunnel.on('close', () => socket.destroy());
    socket.on('close', () => tunnel.destroy());
    tunnel.once('connect', () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      // A client may send its TLS ClientHello right behind the CONNECT line.
      if (head.length > 0) tunnel.write(head);
      tunnel.pipe(socket);
      socket.pipe(tunnel);
    });
  });

  return server;
}

function handlePlainRequest(allowed: Set<string>, request: IncomingMessage, response: ServerResponse): void {
  const target = request.url ?? '';
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) {
    // Someone opened the proxy's own address; tell them what it is for.
    const proxyAddress = `http://${request.headers.host ?? '127.0.0.1'}`;
    const example = [...allowed][0] ?? 'example.com';
    sendText(
      response,
      400,
      `This is the Passkey Atlas HTTPS edge, an HTTP proxy, not a website.\n` +
        `Start a browser with --proxy-server=${proxyAddress} and open https://${example}/.\n`,
    );
    return;
  }
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    sendText(response, 400, `Not a URL: ${target}\n`);
    return;
  }
  if (url.protocol === 'http:' && url.port === '' && allowed.has(url.hostname)) {
    // The sites exist only over HTTPS (WebAuthn needs a secure context), as in production.
    response.writeHead(301, { location: `https://${url.hostname}${url.pathname}${url.search}`, 'content-length': 0 });
    response.end();
    return;
  }
  sendText(response, 403, `The edge only serves the configured sites; refused ${url.protocol}//${url.host}\n`);
}

function parseAuthority(authority: string): { host: string; port: string } | undefined {
  const match = /^([^:[\]]+):(\d+)$/.exec(authority);
  if (!match?.[1] || !match[2]) return undefined;
  return { host: match[1].toLowerCase(), port: match[2] };
}

function refuseTunnel(socket: Duplex, authority: string): void {
  const body = `The edge only tunnels to the configured sites on port 443; refused ${authority}\n`;
  socket.end(
    `HTTP/1.1 403 Forbidden\r\ncontent-type: text/plain; charset=utf-8\r\n` +
      `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}

function sendText(response: ServerResponse, status: number, body: string): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  response.end(body);
}
