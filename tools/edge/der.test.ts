import { describe, expect, it } from 'vitest';
import { objectIdentifier, octetString, sequence, time, unsignedInteger } from './der';

const hex = (buffer: Buffer) => buffer.toString('hex');

describe('der', () => {
  it('encodes object identifiers with multi-byte arcs', () => {
    // ecdsa-with-SHA256, as printed by `openssl asn1parse`.
    expect(hex(objectIdentifier('1.2.840.10045.4.3.2'))).toBe('06082a8648ce3d040302');
    expect(hex(objectIdentifier('2.5.29.17'))).toBe('0603551d11');
  });

  it('uses the long length form from 128 bytes on', () => {
    expect(hex(octetString(Buffer.alloc(127))).slice(0, 4)).toBe('047f');
    expect(hex(octetString(Buffer.alloc(200))).slice(0, 6)).toBe('0481c8');
    expect(hex(octetString(Buffer.alloc(300))).slice(0, 8)).toBe('0482012c');
  });

  it('keeps integers positive and minimal', () => {
    expect(hex(unsignedInteger(Buffer.from([0x80])))).toBe('02020080');
    expect(hex(unsignedInteger(Buffer.from([0x00, 0x00, 0x05])))).toBe('020105');
    expect(hex(unsignedInteger(Buffer.from([0x00])))).toBe('020100');
  });

  it('nests sequences', () => {
    expect(hex(sequence(unsignedInteger(Buffer.from([1])), sequence()))).toBe('30050201013000');
  });

  it('switches from UTCTime to GeneralizedTime in 2050', () => {
    expect(time(new Date('2049-12-31T23:59:59.999Z')).toString('latin1')).toBe('\x17\x0d491231235959Z');
    expect(time(new Date('2050-01-01T00:00:00Z')).toString('latin1')).toBe('\x18\x0f20500101000000Z');
  });
});
