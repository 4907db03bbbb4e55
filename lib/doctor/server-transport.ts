import 'server-only';
import { createHash, createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { env as appEnv } from '@/lib/env/env';
import { edgeFromEnv } from '@/lib/local/edge-env';
import type { Transport } from './https-get';

// Where tools/serve.ts keeps the local edge's certificate (ensureCertificate in tools/edge), relative to the app's directory.
const EDGE_CERTIFICATE = '.edge/cert.pem';

/**
 * How the server reaches its own sites for the /doctor page. Behind the local edge (`npm run dev`,
 * the test stacks) the hostnames exist only through the edge's proxy, which the launcher names in
 * the environment, and its self-signed certificate is trusted only if it is the one whose SPKI
 * the launcher announced alongside. In production there is no edge: direct connections, public
 * roots, as a browser's.
 */
export function serverTransport(env: Parameters<typeof edgeFromEnv>[0] = appEnv, certificateFile = EDGE_CERTIFICATE): Transport {
  const edge = edgeFromEnv(env);
  if (!edge) return {};
  return { proxy: new URL(edge.proxyUrl), ca: edgeCertificate(certificateFile, edge.spki) };
}

function edgeCertificate(file: string, spki: string): string | undefined {
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch {
    return undefined; // the report then shows the certificate refused, which is what a browser would see
  }
  const der = createPublicKey(pem).export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('base64') === spki ? pem : undefined;
}
