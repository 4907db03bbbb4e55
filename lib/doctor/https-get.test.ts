import { once } from 'node:events';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { httpsGet } from './https-get';

const servers: net.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => once(server.close(), 'close')));
});

/** A proxy that accepts connections and then does `behaviour` with each; counts them and how many the client closed. */
async function stallingProxy(behaviour: (socket: net.Socket) => void) {
  const connections = { opened: 0, closed: 0 };
  const server = net.createServer((socket) => {
    connections.opened += 1;
    socket.on('error', () => undefined);
    socket.on('close', () => (connections.closed += 1));
    behaviour(socket);
    // Reads whatever arrives, so the client's FIN is seen.
    socket.resume();
  });
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  return { proxy: new URL(`http://127.0.0.1:${port}`), connections };
}

describe('httpsGet', () => {
  it('gives up at the deadline on a proxy that never answers CONNECT, and closes the connection', async () => {
    const { proxy, connections } = await stallingProxy(() => undefined);
    const outcome = await httpsGet('example.com', '/', { proxy, timeoutMs: 200 }, { maxBodyBytes: 0 });
    expect(outcome).toEqual({ kind: 'failure', failure: { stage: 'timeout', timeoutMs: 200 } });
    // Left open, it would keep the CLI's process alive after the report.
    await expect.poll(() => connections).toEqual({ opened: 1, closed: 1 });
  });

  it('gives up at the deadline on a tunnel whose TLS handshake never completes, and closes it', async () => {
    const { proxy, connections } = await stallingProxy((socket) => {
      socket.once('data', () => socket.write('HTTP/1.1 200 Connection Established\r\n\r\n'));
    });
    const outcome = await httpsGet('example.com', '/', { proxy, timeoutMs: 200 }, { maxBodyBytes: 0 });
    expect(outcome).toEqual({ kind: 'failure', failure: { stage: 'timeout', timeoutMs: 200 } });
    await expect.poll(() => connections).toEqual({ opened: 1, closed: 1 });
  });

  it('names a proxy that refuses the tunnel', async () => {
    const { proxy } = await stallingProxy((socket) => {
      socket.once('data', () => socket.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n'));
    });
    const outcome = await httpsGet('example.com', '/', { proxy, timeoutMs: 2_000 }, { maxBodyBytes: 0 });
    expect(outcome).toEqual({ kind: 'failure', failure: { stage: 'proxy', detail: `the proxy ${proxy.host} answered 403 to CONNECT example.com:443` } });
  });
});
