import http from 'node:http';

export interface Upstream {
  host: string;
  port: number;
}

export interface Balancer {
  port: number;
  close(): Promise<void>;
}

/** Set on every answer: which upstream (`host:port`) served the request. */
export const SERVED_BY_HEADER = 'x-served-by';

// Per connection, not per message (RFC 9110 §7.6.1): a proxy must not pass them on.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade']);

/**
 * A round-robin HTTP load balancer without sticky sessions: each request goes to the next
 * upstream, whatever went before on the same connection or with the same cookies. Host and every
 * other end-to-end header pass unchanged, as a TLS-terminating proxy forwards them. It exists to
 * prove that instances share nothing but the database and AUTH_SECRET, and to measure scale-out.
 */
export function startBalancer({ upstreams, port = 0 }: { upstreams: readonly Upstream[]; port?: number }): Promise<Balancer> {
  if (upstreams.length === 0) throw new Error('A balancer needs at least one upstream');
  const agent = new http.Agent({ keepAlive: true });
  let next = 0;

  const server = http.createServer((request, response) => {
    const upstream = upstreams[next % upstreams.length] as Upstream;
    next += 1;
    const servedBy = `${upstream.host}:${upstream.port}`;
    const forwarded = http.request(
      { host: upstream.host, port: upstream.port, method: request.method, path: request.url, headers: endToEnd(request.headers), agent },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, { ...endToEnd(answer.headers), [SERVED_BY_HEADER]: servedBy });
        answer.pipe(response);
      },
    );
    forwarded.on('error', (error) => {
      if (response.headersSent) {
        response.destroy(error);
        return;
      }
      response.writeHead(502, { 'content-type': 'application/json', [SERVED_BY_HEADER]: servedBy });
      response.end(JSON.stringify({ error: { code: 'BAD_GATEWAY', message: `${servedBy}: ${error.message}` } }));
    });
    // A client that goes away mid-request takes its upstream request with it.
    response.on('close', () => {
      if (!response.writableFinished) forwarded.destroy();
    });
    request.pipe(forwarded);
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, 'localhost', () => {
      const address = server.address();
      if (!address || typeof address !== 'object') {
        reject(new Error('The balancer has no address'));
        return;
      }
      resolve({
        port: address.port,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            agent.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}

function endToEnd(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  const kept: http.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) kept[name] = value;
  }
  return kept;
}
