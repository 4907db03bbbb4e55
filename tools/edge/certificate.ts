import { X509Certificate, createHash, createPrivateKey, createPublicKey } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { hostnameSetKey, normalizeHostnames } from './hostnames';
import { createSelfSignedCertificate } from './self-signed';

const DAY_MS = 24 * 60 * 60 * 1000;
// Short enough that a copied dev key soon stops mattering, long enough not to churn; the edge
// reissues it by itself, and the SPKI pin (not the dates) is what browsers trust.
const VALIDITY_DAYS = 30;
const RENEW_WITHIN_MS = DAY_MS;
// Tolerates a clock that is a little behind the one that issued the certificate.
const BACKDATE_MS = 60 * 60 * 1000;

export type EdgeCertificate = {
  keyPem: string;
  certPem: string;
  /** base64(SHA-256(DER SubjectPublicKeyInfo)), the value `--ignore-certificate-errors-spki-list` takes. */
  spki: string;
};

export type EnsureCertificateOptions = {
  /** Folder for key.pem and cert.pem (git-ignored, e.g. `.edge/`); created if missing. */
  dir: string;
  hostnames: readonly string[];
};

/**
 * Returns a self-signed certificate for exactly `hostnames`, reusing the one stored in `dir` while
 * it covers exactly those names, matches its key and has more than a day left; otherwise issues
 * and stores a new one. Synchronous because Playwright's config calls it while loading.
 */
export function ensureCertificate({ dir, hostnames }: EnsureCertificateOptions): EdgeCertificate {
  const wanted = normalizeHostnames(hostnames);
  const keyPath = path.join(dir, 'key.pem');
  const certPath = path.join(dir, 'cert.pem');

  const stored = readStored(keyPath, certPath);
  if (stored && isReusable(stored, wanted)) return { ...stored, spki: spkiHash(stored.certPem) };

  const now = Date.now();
  const issued = createSelfSignedCertificate({
    hostnames: wanted,
    notBefore: new Date(now - BACKDATE_MS),
    notAfter: new Date(now + VALIDITY_DAYS * DAY_MS),
  });
  mkdirSync(dir, { recursive: true });
  // Key first: a concurrent reader that sees the new key with the old certificate rejects the
  // pair (isReusable checks they match) instead of serving a mismatched one.
  writeAtomically(keyPath, issued.keyPem, 0o600);
  writeAtomically(certPath, issued.certPem, 0o644);
  return { ...issued, spki: spkiHash(issued.certPem) };
}

/** base64 SHA-256 of the certificate's DER SubjectPublicKeyInfo. */
function spkiHash(certPem: string): string {
  const der = createPublicKey(certPem).export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('base64');
}

function readStored(keyPath: string, certPath: string): { keyPem: string; certPem: string } | undefined {
  try {
    return { keyPem: readFileSync(keyPath, 'utf8'), certPem: readFileSync(certPath, 'utf8') };
  } catch {
    return undefined; // missing or unreadable: issue a new pair
  }
}

function isReusable({ keyPem, certPem }: { keyPem: string; certPem: string }, wanted: string[]): boolean {
  try {
    const certificate = new X509Certificate(certPem);
    const expiresAt = Date.parse(certificate.validTo);
    if (!(expiresAt - Date.now() > RENEW_WITHIN_MS)) return false;
    if (hostnameSetKey(dnsNames(certificate)) !== hostnameSetKey(wanted)) return false;
    return certificate.checkPrivateKey(createPrivateKey(keyPem));
  } catch {
    return false; // corrupt or foreign files: replace them
  }
}

function dnsNames(certificate: X509Certificate): string[] {
  // Node renders the extension as "DNS:a, DNS:b"; DNS names cannot contain ", ".
  return (certificate.subjectAltName ?? '')
    .split(', ')
    .filter((entry) => entry.startsWith('DNS:'))
    .map((entry) => entry.slice('DNS:'.length));
}

function writeAtomically(file: string, contents: string, mode: number): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, contents, { mode });
  renameSync(temporary, file);
}
