import https from 'node:https';
import type { Server, Socket } from 'node:net';
import type { EdgeCertificate } from './certificate';
import { createConnectProxy } from './connect-proxy';
import { createForwarder } from './forwarder';
import { normalizeHostnames } from './hostnames';

export type StartEdgeOptions = {
  /** Every hostname the browser may reach; all must be in the certificate. */
  hostnames: readonly string[];
  /** Port of the plain-HTTP app (the Next.js server). */
  upstreamPort: number;
  /** Default `127.0.0.1`. */
  upstreamHost?: string;
  /** Port of the HTTP proxy on 127.0.0.1; default 0, a free port. */
  proxyPort?: number;
  certificate: Pick<EdgeCertificate, 'keyPem' | 'certPem'>;
};

export type Edge = {
  proxyPort: number;
  /** `http://127.0.0.1:<proxyPort>`, for `--proxy-server` or Playwright's launch args. */
  proxyUrl: string;
  /** The TLS listener the proxy tunnels to; reachable directly, e.g. `curl --connect-to example.com:443:127.0.0.1:<tlsPort>`. */
  tlsPort: number;
  /** Stops both listeners and drops every open connection; safe to call more than once. */
  close(): Promise<void>;
};

/**
 * Makes the app at `upstreamHost:upstreamPort` appear as `https://<hostname>` for every hostname,
 * to a browser that uses `proxyUrl` as its proxy and pins the certificate's SPKI. Needs no DNS,
 * root, port 443 or certificate installation.
 */
export async function startEdge({
  hostnames,
  upstreamPort,
  upstreamHost = '127.0.0.1',
  proxyPort = 0,
  certificate,
}: StartEdgeOptions): Promise<Edge> {
  const names = normalizeHostnames(hostnames);
  const forwarder = createForwarder({ upstreamHost, upstreamPort });
  const tlsServer = https.createServer({ key: certificate.keyPem, cert: certificate.certPem });
  tlsServer.on('request', forwarder.handleRequest);
  tlsServer.on('upgrade', forwarder.handleUpgrade);

  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };
  tlsServer.on('connection', track);

  try {
    const tlsPort = await listen(tlsServer, 0);
    const proxy = createConnectProxy({ hostnames: names, tlsPort });
    proxy.on('connection', track);
    try {
      const boundProxyPort = await listen(proxy, proxyPort);
      let closing: Promise<void> | undefined;
      return {
        proxyPort: boundProxyPort,
        proxyUrl: `http://127.0.0.1:${boundProxyPort}`,
        tlsPort,
        close() {
          closing ??= (async () => {
            const closed = Promise.all([stop(tlsServer), stop(proxy)]);
            for (const socket of sockets) socket.destroy();
            forwarder.close();
            await closed;
          })();
          return closing;
        },
      };
    } catch (error) {
      await stop(proxy);
      throw error;
    }
  } catch (error) {
    forwarder.close();
    await stop(tlsServer);
    throw error;
  }
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      const address = server.address();
      if (address === null || typeof address === 'string') {
        reject(new Error('Expected a TCP address'));
        return;
      }
      resolve(address.port);
    });
  });
}

function stop(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) {
      resolve();
      return;
    }
    server.close(() => resolve());
  });
}
