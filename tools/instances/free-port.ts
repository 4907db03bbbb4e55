import net from 'node:net';

/**
 * A TCP port nothing listens on right now, chosen by the kernel. Another process could take it
 * before the caller binds it; for test and benchmark servers on one machine that risk is accepted.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('The kernel gave no port'));
      });
    });
  });
}
