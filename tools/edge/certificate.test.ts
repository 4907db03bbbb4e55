import { execFileSync } from 'node:child_process';
import { X509Certificate, createHash, createPrivateKey } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureCertificate } from './certificate';
import { createSelfSignedCertificate } from './self-signed';

const HOSTNAMES = ['example.com', 'www.example.com', 'example.co.uk', 'example.co.jp', 'example-rewards.com', 'example-outlet.com'];
const HOUR_MS = 60 * 60 * 1000;

const hasOpenssl = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'edge-cert-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const stored = () => ({
  keyPem: readFileSync(path.join(dir, 'key.pem'), 'utf8'),
  certPem: readFileSync(path.join(dir, 'cert.pem'), 'utf8'),
});

describe('ensureCertificate', () => {
  it('issues a currently valid certificate naming every hostname, and stores it', () => {
    const result = ensureCertificate({ dir, hostnames: HOSTNAMES });
    const certificate = new X509Certificate(result.certPem);

    for (const hostname of HOSTNAMES) expect(certificate.checkHost(hostname)).toBe(hostname);
    expect(certificate.checkHost('example.net')).toBeUndefined();
    expect(Date.parse(certificate.validFrom)).toBeLessThanOrEqual(Date.now());
    expect(Date.parse(certificate.validTo)).toBeGreaterThan(Date.now() + 7 * 24 * HOUR_MS);
    expect(certificate.verify(certificate.publicKey)).toBe(true); // self-signed, signature valid
    expect(certificate.checkPrivateKey(createPrivateKey(result.keyPem))).toBe(true);
    expect(stored()).toEqual({ keyPem: result.keyPem, certPem: result.certPem });
  });

  it('reports the SPKI hash of the certificate it returns', () => {
    const { certPem, spki } = ensureCertificate({ dir, hostnames: HOSTNAMES });
    const der = new X509Certificate(certPem).publicKey.export({ type: 'spki', format: 'der' });
    expect(spki).toBe(createHash('sha256').update(der).digest('base64'));
  });

  it.skipIf(!hasOpenssl)('agrees with the SPKI hash openssl computes (the FACTS.md recipe)', () => {
    const { spki } = ensureCertificate({ dir, hostnames: HOSTNAMES });
    const publicKeyPem = execFileSync('openssl', ['x509', '-in', path.join(dir, 'cert.pem'), '-pubkey', '-noout']);
    const der = execFileSync('openssl', ['pkey', '-pubin', '-outform', 'der'], { input: publicKeyPem });
    expect(spki).toBe(createHash('sha256').update(der).digest('base64'));
  });

  it('reuses the stored certificate for the same names in any order or case', () => {
    const first = ensureCertificate({ dir, hostnames: HOSTNAMES });
    const modified = statSync(path.join(dir, 'cert.pem')).mtimeMs;
    const second = ensureCertificate({ dir, hostnames: [...HOSTNAMES].reverse().map((h) => h.toUpperCase()) });
    expect(second).toEqual(first);
    expect(statSync(path.join(dir, 'cert.pem')).mtimeMs).toBe(modified);
  });

  it('reissues when a hostname is added or removed', () => {
    const first = ensureCertificate({ dir, hostnames: HOSTNAMES });
    const added = ensureCertificate({ dir, hostnames: [...HOSTNAMES, 'example.de'] });
    expect(added.certPem).not.toBe(first.certPem);
    expect(new X509Certificate(added.certPem).checkHost('example.de')).toBe('example.de');

    const removed = ensureCertificate({ dir, hostnames: ['example.com'] });
    expect(new X509Certificate(removed.certPem).checkHost('example.de')).toBeUndefined();
    expect(stored().certPem).toBe(removed.certPem);
  });

  it('reissues a certificate that expires within a day', () => {
    const expiring = createSelfSignedCertificate({
      hostnames: HOSTNAMES,
      notBefore: new Date(Date.now() - HOUR_MS),
      notAfter: new Date(Date.now() + 12 * HOUR_MS),
    });
    writeFileSync(path.join(dir, 'key.pem'), expiring.keyPem);
    writeFileSync(path.join(dir, 'cert.pem'), expiring.certPem);

    const result = ensureCertificate({ dir, hostnames: HOSTNAMES });
    expect(result.certPem).not.toBe(expiring.certPem);
    expect(Date.parse(new X509Certificate(result.certPem).validTo)).toBeGreaterThan(Date.now() + 24 * HOUR_MS);
  });

  it('keeps a stored certificate with more than a day left', () => {
    const lasting = createSelfSignedCertificate({
      hostnames: HOSTNAMES,
      notBefore: new Date(Date.now() - HOUR_MS),
      notAfter: new Date(Date.now() + 36 * HOUR_MS),
    });
    writeFileSync(path.join(dir, 'key.pem'), lasting.keyPem);
    writeFileSync(path.join(dir, 'cert.pem'), lasting.certPem);

    expect(ensureCertificate({ dir, hostnames: HOSTNAMES }).certPem).toBe(lasting.certPem);
  });

  it('reissues when the stored key does not belong to the certificate', () => {
    const first = ensureCertificate({ dir, hostnames: HOSTNAMES });
    const other = createSelfSignedCertificate({ hostnames: HOSTNAMES, notBefore: new Date(), notAfter: new Date(Date.now() + 48 * HOUR_MS) });
    writeFileSync(path.join(dir, 'key.pem'), other.keyPem);

    const result = ensureCertificate({ dir, hostnames: HOSTNAMES });
    expect(result.certPem).not.toBe(first.certPem);
    expect(new X509Certificate(result.certPem).checkPrivateKey(createPrivateKey(result.keyPem))).toBe(true);
  });

  it('replaces unreadable files', () => {
    writeFileSync(path.join(dir, 'key.pem'), 'not a key');
    writeFileSync(path.join(dir, 'cert.pem'), 'not a certificate');
    const result = ensureCertificate({ dir, hostnames: HOSTNAMES });
    expect(new X509Certificate(result.certPem).checkHost('example.com')).toBe('example.com');
  });

  it('creates the folder when it does not exist', () => {
    const nested = path.join(dir, 'a', 'b');
    ensureCertificate({ dir: nested, hostnames: HOSTNAMES });
    expect(statSync(path.join(nested, 'cert.pem')).isFile()).toBe(true);
  });
});
