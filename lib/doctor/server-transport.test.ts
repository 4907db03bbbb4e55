import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EDGE_PROXY_ENV, EDGE_SPKI_ENV } from '@/lib/local/edge-env';
import { ensureCertificate } from '@/tools/edge/certificate';
import { serverTransport } from './server-transport';

const dir = mkdtempSync(path.join(os.tmpdir(), 'doctor-edge-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const certificate = ensureCertificate({ dir, hostnames: ['example.com'] });
const certFile = path.join(dir, 'cert.pem');

describe('serverTransport', () => {
  it('connects directly with the public roots when no edge was announced (production)', () => {
    expect(serverTransport({}, certFile)).toEqual({});
  });

  it('goes through the announced edge and trusts its certificate when the SPKI matches', () => {
    const env = { [EDGE_PROXY_ENV]: 'http://127.0.0.1:3443', [EDGE_SPKI_ENV]: certificate.spki };
    expect(serverTransport(env, certFile)).toEqual({ proxy: new URL('http://127.0.0.1:3443'), ca: certificate.certPem });
  });

  it('trusts no certificate whose SPKI is not the announced one, or that is missing', () => {
    const env = { [EDGE_PROXY_ENV]: 'http://127.0.0.1:3443', [EDGE_SPKI_ENV]: 'AAAA' };
    expect(serverTransport(env, certFile)).toEqual({ proxy: new URL('http://127.0.0.1:3443'), ca: undefined });
    expect(serverTransport({ ...env, [EDGE_SPKI_ENV]: certificate.spki }, path.join(dir, 'absent.pem')).ca).toBeUndefined();
  });
});
