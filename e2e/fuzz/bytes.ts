import fc from 'fast-check';
import { isoCBOR } from '@simplewebauthn/server/helpers';

/** What isoCBOR can encode (its parameter type: the CBOR library is not a direct dependency). */
export type CborValue = Parameters<typeof isoCBOR.encode>[0];

export function cbor(value: CborValue): Buffer {
  return Buffer.from(isoCBOR.encode(value));
}

/**
 * One change to a byte string. Positions are fractions of its length, so a change means the
 * same thing on every genuine response it is applied to (their lengths differ a little).
 */
export type BytesChange =
  | { kind: 'truncate'; keep: number }
  | { kind: 'flip'; at: number; mask: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'replace'; bytes: Uint8Array };

function offset(length: number, fraction: number): number {
  return Math.min(length, Math.floor(length * fraction));
}

export function changeBytes(input: Buffer, change: BytesChange): Buffer {
  switch (change.kind) {
    case 'truncate':
      return input.subarray(0, offset(input.length, change.keep));
    case 'flip': {
      if (input.length === 0) return input;
      const copy = Buffer.from(input);
      const at = Math.min(copy.length - 1, offset(copy.length, change.at));
      copy[at] = (copy[at] ?? 0) ^ change.mask;
      return copy;
    }
    case 'insert': {
      const at = offset(input.length, change.at);
      return Buffer.concat([input.subarray(0, at), change.bytes, input.subarray(at)]);
    }
    case 'replace':
      return Buffer.from(change.bytes);
  }
}

/**
 * CBOR that decoders have tripped on: lengths that claim more than follows (up to 2^64-1),
 * indefinite lengths never closed, a lone break, nesting thousands deep, tags wrapping tags,
 * maps with repeated or non-text keys, and trailing bytes after a whole item.
 */
export const hostileCbor: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.constantFrom(
    Uint8Array.of(),
    Uint8Array.of(0xff),
    Uint8Array.of(0x5b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff),
    Uint8Array.of(0x7b, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x61),
    Uint8Array.of(0x9b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff),
    Uint8Array.of(0xbb, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff),
    Uint8Array.of(0x9f, 0x01, 0x02),
    Uint8Array.of(0xbf, 0x61, 0x61),
    Uint8Array.of(0x5f, 0x41, 0x00),
    Uint8Array.of(0xa2, 0x63, 0x66, 0x6d, 0x74, 0x00, 0x63, 0x66, 0x6d, 0x74, 0x01),
    Uint8Array.of(0xa1, 0xf6, 0xf7),
    Uint8Array.of(0xa1, 0x40, 0x00),
    Uint8Array.of(0xd8, 0x18, 0x45, 0xa0, 0xa0, 0xa0, 0xa0, 0xa0),
    Uint8Array.of(0xf9, 0x7c, 0x00),
    Uint8Array.of(0xfb, 0x7f, 0xf8, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00),
    Uint8Array.of(0x1c),
    Uint8Array.of(0xa0, 0x00, 0x00, 0x00),
  ),
  fc.integer({ min: 1, max: 20_000 }).map((depth) => new Uint8Array(depth).fill(0x81)),
  fc.integer({ min: 1, max: 5_000 }).map((depth) => Uint8Array.from({ length: depth * 2 }, (_, i) => (i % 2 === 0 ? 0xd8 : 0x18))),
  fc.uint8Array({ minLength: 1, maxLength: 64 }),
);

/** Values of each CBOR type, to put where the attestation format expects another. */
export const cborValue: fc.Arbitrary<CborValue> = fc.letrec<{ value: CborValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom<CborValue>(0, -1, 2 ** 32, -(2 ** 40), true, false, null, undefined, '', 'none', 'packed', 'tpm', 'fido-u2f', 'apple', 'android-key', 'android-safetynet'),
    fc.string({ maxLength: 20 }),
    fc.uint8Array({ maxLength: 80 }),
    fc.array(tie('value'), { maxLength: 3 }),
    fc
      .array(fc.tuple(fc.oneof(fc.string({ maxLength: 8 }), fc.integer({ min: -300, max: 300 })), tie('value')), { maxLength: 3 })
      .map((entries) => new Map<string | number, CborValue>(entries)),
  ),
})).value;

export const bytesChange: fc.Arbitrary<BytesChange> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), keep: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ kind: fc.constant('flip' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), mask: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), bytes: fc.oneof(fc.uint8Array({ minLength: 1, maxLength: 16 }), hostileCbor) }),
  fc.record({ kind: fc.constant('replace' as const), bytes: fc.oneof(fc.uint8Array({ maxLength: 96 }), hostileCbor) }),
);
