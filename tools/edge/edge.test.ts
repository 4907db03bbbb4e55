import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureCertificate } from './certificate';
import type { EdgeCertificate } from './certificate';
import { startEdge } from './edge';
import type { Edge } from './edge';

const HOSTNAMES = ['example.com', 'www.example.com', 'example-rewards.com'];

type Seen = { method: string; url: string; headers: IncomingHttpHeaders };

/** A stand-in for the Next.js server that records what reached it. */
function startUpstream() {
  const seen: Seen[] = [];
  const upgradedSockets: net.Socket[] = [];
  let releaseStream: () => void = () => undefined;
  const server = http.createServer((request: IncomingMessage, response: ServerResponse) => {
    seen.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers });
    if (request.url === '/cookies') {
      response.setHeader('set-cookie', ['a=1; Path=/', 'b=2; Path=/; HttpOnly']);
      response.end('ok');
    } else if (request.url === '/stream') {
      // Sends one chunk and holds the response open until the test has seen that chunk arrive.
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.write('first;');
      releaseStream = () => response.end('second');
    } else if (request.url === '/echo-body') {
      response.writeHead(200, { 'content-type': 'application/octet-stream' });
      request.pipe(response);
    } else {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.end(`hello from ${request.headers.host}`);
    }
  });
  server.on('upgrade', (request: IncomingMessage, socket: net.Socket) => {
    seen.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers });
    upgradedSockets.push(socket);
    socket.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n');
    socket.pipe(socket); // echo every frame back
  });
  return { server, seen, upgradedSockets, release: () => releaseStream() };
}

async function listen(server: net.Server): Promise<number> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return address.port;
}

/** Sends `CONNECT authority` to the proxy; resolves with the status and, on 200, the tunnel. */
function connect(proxyPort: number, authority: string): Promise<{ status: number; socket: net.Socket }> {
  const request = http.request({ host: '127.0.0.1', port: proxyPort, method: 'CONNECT', path: authority });
  request.end();
  return new Promise((resolve, reject) => {
    request.once('connect', (response: IncomingMessage, socket: net.Socket) => {
      resolve({ status: response.statusCode ?? 0, socket });
    });
    request.once('response', (response: IncomingMessage) => {
      response.resume();
      resolve({ status: response.statusCode ?? 0, socket: response.socket });
    });
    request.once('error', reject);
  });
}

function responseOf(request: http.ClientRequest): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    request.once('response', resolve);
    request.once('error', reject);
  });
}

/** Collects a socket's text until `marker` has arrived (async iteration would destroy it on break). */
function readUntil(socket: tls.TLSSocket, marker: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let received = '';
    const onData = (chunk: string) => {
      received += chunk;
      if (!received.includes(marker)) return;
      socket.off('data', onData);
      socket.off('close', onClose);
      resolve(received);
    };
    const onClose = () => reject(new Error(`socket closed before ${JSON.stringify(marker)}; got ${JSON.stringify(received)}`));
    socket.on('data', onData);
    socket.once('close', onClose);
  });
}

/** A raw WebSocket handshake through the edge, as Next dev's HMR client makes. */
async function openWebSocket(edge: Edge, certificate: EdgeCertificate) {
  const { socket } = await connect(edge.proxyPort, 'example.com:443');
  const secure = tls.connect({ socket, servername: 'example.com', ca: certificate.certPem });
  await once(secure, 'secureConnect');
  secure.setEncoding('utf8');
  secure.write(
    'GET /_next/webpack-hmr HTTP/1.1\r\nHost: example.com\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n' +
      'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
  );
  return { secure, handshake: await readUntil(secure, '\r\n\r\n') };
}

type Reply = { status: number; headers: IncomingHttpHeaders; body: string; response: IncomingMessage };

/** What a browser does: CONNECT, TLS with SNI checked against the certificate, then HTTP/1.1. */
async function httpsViaEdge(
  edge: Edge,
  certificate: EdgeCertificate,
  hostname: string,
  options: { path?: string; method?: string; headers?: http.OutgoingHttpHeaders; body?: string[] } = {},
): Promise<Reply> {
  const { status, socket } = await connect(edge.proxyPort, `${hostname}:443`);
  expect(status).toBe(200);
  const secure = tls.connect({ socket, servername: hostname, ca: certificate.certPem });
  await once(secure, 'secureConnect');
  const request = http.request({
    createConnection: () => secure,
    method: options.method ?? 'GET',
    path: options.path ?? '/',
    headers: { host: hostname, ...options.headers },
  });
  for (const chunk of options.body ?? []) request.write(chunk);
  request.end();
  const response = await responseOf(request);
  let body = '';
  response.setEncoding('utf8');
  for await (const chunk of response) body += String(chunk);
  secure.destroy();
  return { status: response.statusCode ?? 0, headers: response.headers, body, response };
}

/** A plain HTTP request to the proxy port, absolute-form (as a proxy client sends) or not. */
async function plainRequest(proxyPort: number, target: string, host: string): Promise<Reply> {
  const request = http.request({ host: '127.0.0.1', port: proxyPort, path: target, headers: { host }, agent: false });
  request.end();
  const response = await responseOf(request);
  let body = '';
  for await (const chunk of response) body += String(chunk);
  return { status: response.statusCode ?? 0, headers: response.headers, body, response };
}

describe('startEdge', () => {
  let certDir: string;
  let certificate: EdgeCertificate;
  let upstream: ReturnType<typeof startUpstream>;
  let edge: Edge;

  beforeAll(async () => {
    certDir = mkdtempSync(path.join(os.tmpdir(), 'edge-test-'));
    certificate = ensureCertificate({ dir: certDir, hostnames: HOSTNAMES });
    upstream = startUpstream();
    const upstreamPort = await listen(upstream.server);
    edge = await startEdge({ hostnames: HOSTNAMES, upstreamPort, certificate });
  });

  afterAll(async () => {
    await edge.close();
    upstream.server.closeAllConnections();
    upstream.server.close();
    rmSync(certDir, { recursive: true, force: true });
  });

  describe('CONNECT', () => {
    it.each(['www.google.com:443', 'example.net:443', 'example.com:80', 'example.com:8443', 'example.com'])(
      'refuses %s with 403 and closes the connection',
      async (authority) => {
        const { status, socket } = await connect(edge.proxyPort, authority);
        expect(status).toBe(403);
        if (!socket.closed) await once(socket, 'close');
      },
    );

    it('tunnels a configured host regardless of case', async () => {
      const { status, socket } = await connect(edge.proxyPort, 'EXAMPLE.com:443');
      expect(status).toBe(200);
      socket.destroy();
    });
  });

  describe('forwarding over TLS', () => {
    it('keeps Host and tells the app the browser used https', async () => {
      const reply = await httpsViaEdge(edge, certificate, 'www.example.com', {
        path: '/page?x=1',
        headers: { 'x-forwarded-host': 'evil.test', 'x-forwarded-proto': 'http' },
      });
      expect(reply).toMatchObject({ status: 200, body: 'hello from www.example.com' });
      const request = upstream.seen.findLast((entry) => entry.url === '/page?x=1');
      expect(request?.headers).toMatchObject({
        host: 'www.example.com',
        'x-forwarded-proto': 'https',
        'x-forwarded-host': 'www.example.com',
        'x-forwarded-port': '443',
        'x-forwarded-for': '127.0.0.1',
      });
    });

    it('passes every Set-Cookie header', async () => {
      const reply = await httpsViaEdge(edge, certificate, 'example.com', { path: '/cookies' });
      expect(reply.headers['set-cookie']).toEqual(['a=1; Path=/', 'b=2; Path=/; HttpOnly']);
    });

    it('streams a response before the app has finished it', async () => {
      const { socket } = await connect(edge.proxyPort, 'example.com:443');
      const secure = tls.connect({ socket, servername: 'example.com', ca: certificate.certPem });
      const request = http.request({ createConnection: () => secure, path: '/stream', headers: { host: 'example.com' } });
      request.end();
      const response = await responseOf(request);
      response.setEncoding('utf8');
      const chunks = response[Symbol.asyncIterator]();
      // The app still holds the response open here, so a buffering edge would never yield this.
      expect((await chunks.next()).value).toBe('first;');
      upstream.release();
      let rest = '';
      for (let next = await chunks.next(); !next.done; next = await chunks.next()) rest += String(next.value);
      expect(rest).toBe('second');
      secure.destroy();
    });

    it('streams a request body through', async () => {
      const reply = await httpsViaEdge(edge, certificate, 'example-rewards.com', {
        method: 'POST',
        path: '/echo-body',
        body: ['part one, ', 'part two'],
      });
      expect(reply).toMatchObject({ status: 200, body: 'part one, part two' });
    });

    it('relays a WebSocket upgrade and the frames after it', async () => {
      const { secure, handshake: reply } = await openWebSocket(edge, certificate);
      expect(reply).toMatch(/^HTTP\/1\.1 101 /);
      const handshake = upstream.seen.findLast((entry) => entry.url === '/_next/webpack-hmr');
      expect(handshake?.headers).toMatchObject({ host: 'example.com', upgrade: 'websocket', 'x-forwarded-proto': 'https' });

      const echoed = readUntil(secure, 'ping');
      secure.write('ping');
      expect(await echoed).toContain('ping');
      secure.destroy();
    });
  });

  describe('plain HTTP on the proxy port', () => {
    it('redirects http://<configured host> to https', async () => {
      const reply = await plainRequest(edge.proxyPort, 'http://example.com/a/b?c=1', 'example.com');
      expect(reply.status).toBe(301);
      expect(reply.headers.location).toBe('https://example.com/a/b?c=1');
    });

    it('refuses other hosts', async () => {
      const reply = await plainRequest(edge.proxyPort, 'http://www.google.com/', 'www.google.com');
      expect(reply.status).toBe(403);
    });

    it('explains itself to a direct visitor', async () => {
      const reply = await plainRequest(edge.proxyPort, '/', `127.0.0.1:${edge.proxyPort}`);
      expect(reply.status).toBe(400);
      expect(reply.headers['content-type']).toMatch(/^text\/plain/);
      expect(reply.body).toContain(`--proxy-server=http://127.0.0.1:${edge.proxyPort}`);
    });
  });
});

describe('startEdge without a running app', () => {
  it('answers 502 with a short explanation', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'edge-test-'));
    const certificate = ensureCertificate({ dir, hostnames: HOSTNAMES });
    // A port that was free a moment ago and has nothing listening now.
    const placeholder = net.createServer();
    const deadPort = await listen(placeholder);
    placeholder.close();
    await once(placeholder, 'close');

    const edge = await startEdge({ hostnames: HOSTNAMES, upstreamPort: deadPort, certificate });
    try {
      const reply = await httpsViaEdge(edge, certificate, 'example.com');
      expect(reply.status).toBe(502);
      expect(reply.body).toContain(`127.0.0.1:${deadPort}`);
      // The edge is still serving after the failure.
      expect((await connect(edge.proxyPort, 'example.com:443')).status).toBe(200);
    } finally {
      await edge.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('Edge.close', () => {
  it('drops open tunnels and WebSockets and stops listening', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'edge-test-'));
    const certificate = ensureCertificate({ dir, hostnames: HOSTNAMES });
    const upstream = startUpstream();
    const edge = await startEdge({ hostnames: HOSTNAMES, upstreamPort: await listen(upstream.server), certificate });
    try {
      const { secure } = await openWebSocket(edge, certificate);
      const upstreamSocket = upstream.upgradedSockets[0];
      if (!upstreamSocket) throw new Error('the app saw no upgrade');
      const browserSideClosed = once(secure, 'close');
      const appSideEnded = once(upstreamSocket, 'end');

      await edge.close(); // would hang while the tunnel stayed open
      await Promise.all([browserSideClosed, appSideEnded]);

      const probe = net.connect(edge.proxyPort, '127.0.0.1');
      const refused = await new Promise<NodeJS.ErrnoException>((resolve) => probe.once('error', resolve));
      expect(refused.code).toBe('ECONNREFUSED');
    } finally {
      upstream.server.closeAllConnections();
      upstream.server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
