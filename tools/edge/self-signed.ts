import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import {
  bitString,
  boolean,
  explicit,
  implicitPrimitive,
  objectIdentifier,
  octetString,
  sequence,
  set,
  time,
  unsignedInteger,
  utf8String,
} from './der';
import { normalizeHostnames } from './hostnames';

const OID = {
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  commonName: '2.5.4.3',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  extendedKeyUsage: '2.5.29.37',
  subjectAltName: '2.5.29.17',
  serverAuth: '1.3.6.1.5.5.7.3.1',
} as const;

export type SelfSignedOptions = {
  /** Every name goes into subjectAltName; the first is also the subject's common name. */
  hostnames: readonly string[];
  notBefore: Date;
  notAfter: Date;
};

function extension(oid: string, critical: boolean, value: Buffer): Buffer {
  return sequence(objectIdentifier(oid), ...(critical ? [boolean(true)] : []), octetString(value));
}

/**
 * Issues a self-signed TLS server certificate (X.509 v3, RFC 5280) for the given names.
 *
 * Built with Node's own crypto and a small DER writer rather than the `openssl` binary (absent on
 * Windows) or node-forge (no EC keys, slow pure-JS RSA key generation): synchronous, dependency-free,
 * the same on every platform. EC P-256: instant to generate, accepted by every browser and by Node.
 */
export function createSelfSignedCertificate(options: SelfSignedOptions): { keyPem: string; certPem: string } {
  const hostnames = normalizeHostnames(options.hostnames);
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const name = sequence(set(sequence(objectIdentifier(OID.commonName), utf8String(hostnames[0] ?? ''))));
  const signatureAlgorithm = sequence(objectIdentifier(OID.ecdsaWithSha256));

  // A leaf, not a CA: trust comes from pinning its SPKI, and nothing should ever chain to it.
  const extensions = [
    extension(OID.basicConstraints, true, sequence()),
    // digitalSignature only (bit 0), which is what an ECDHE-ECDSA handshake uses.
    extension(OID.keyUsage, true, bitString(Buffer.from([0x80]), 7)),
    extension(OID.extendedKeyUsage, false, sequence(objectIdentifier(OID.serverAuth))),
    extension(
      OID.subjectAltName,
      false,
      sequence(...hostnames.map((hostname) => implicitPrimitive(2, Buffer.from(hostname, 'ascii')))),
    ),
  ];

  // A random positive serial so a regenerated certificate is never mistaken for the old one.
  const serial = randomBytes(16);
  serial[0] = (serial[0] ?? 0) & 0x7f;

  const tbsCertificate = sequence(
    explicit(0, unsignedInteger(Buffer.from([2]))), // v3, needed for extensions
    unsignedInteger(serial),
    signatureAlgorithm,
    name,
    sequence(time(options.notBefore), time(options.notAfter)),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
    explicit(3, sequence(...extensions)),
  );
  const signature = sign('sha256', tbsCertificate, privateKey); // DER ECDSA-Sig-Value, as X.509 wants
  const certificate = sequence(tbsCertificate, signatureAlgorithm, bitString(signature));

  return {
    keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    certPem: toPem('CERTIFICATE', certificate),
  };
}

function toPem(label: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
