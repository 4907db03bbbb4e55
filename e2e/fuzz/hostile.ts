import fc from 'fast-check';
import { MAX_BODY_BYTES } from '@/lib/api/limits';

/**
 * Characters that have broken servers before: what Postgres refuses in text (NUL), what
 * JavaScript strings hold but UTF-8 cannot (lone surrogates), what renders as something else
 * (bidi overrides, zero-width joiners), and what Unicode normalisation or case folding turns
 * into other characters (a ligature, the Kelvin sign, dotted I, a fullwidth letter).
 */
export const HOSTILE_CHARACTERS = [
  '\u0000', '\u0001', '\u0008', '\t', '\n', '\r', '\u001b', '\u007f', '\u0085', '\u00a0',
  '\ud800', '\udbff', '\udc00', '\udfff',
  '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u200e', '\u200f', '\u061c',
  '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\ufffd', '\uffff', '\u0301',
  '\ufb01', '\u212a', '\u0130', '\u00df', '\uff21', '\u3000', '\u{1f600}', '\u{e0041}',
  '"', '\\', '/', '<', '>', '&', "'", '%', '$', '{', '}', '=', ';', ',', '+',
];

const hostileUnit = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_CHARACTERS) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 4 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 2 }) },
);

/** Lengths on both sides of every limit the server states (usernames, names, ids, the body cap). */
export const BOUNDARY_LENGTHS = [0, 1, 2, 3, 31, 32, 33, 63, 64, 65, 127, 128, 129, 255, 256, 257, 1023, 1024, 1365, 1366, 1367, 2048, 2049, 8192, 8193, 32768, 32769];

/** Strings someone may send where a name or id is expected; never longer than the body cap. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: hostileUnit, maxLength: 40 }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '', ' ', 'null', 'undefined', '__proto__', 'constructor', 'prototype', 'toString',
      "'; DROP TABLE users; --", '${jndi:ldap://x}', '<script>alert(1)</script>', '%00', '\\u0000', '../../etc/passwd',
      'alice', 'ALICE', 'Alice\u0000', 'a\u202eb', 'admin\u200b', '\u212aelvin', '\ufb01sh', 'I\u0307', '\u0130stanbul',
    ),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({ unit: fc.constantFrom('a', 'é', '\u0000', '\ud800', '\u202e', '\u{1f600}', '0', '_'), length: fc.constantFrom(...BOUNDARY_LENGTHS) })
      .map(({ unit, length }) => unit.repeat(length)),
  },
);

/** JSON values of every type, including the ones a schema does not expect at any given field. */
export const hostileJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(null, true, false, 0, -0, -1, 1.5, 2 ** 31, 2 ** 53 + 1, -(2 ** 63), 1e308, Number.MIN_VALUE),
    hostileString,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(hostileString, fc.constantFrom('__proto__', 'constructor', 'response', 'id', 'type')), tie('value'), { maxKeys: 4 }),
  ),
})).value;

/**
 * Body texts that JSON.stringify never makes: nesting thousands deep, duplicate keys, numbers
 * past a double's range, escaped lone surrogates, arrays that end just under or just over the
 * body cap, and near-JSON that is not JSON at all.
 */
export const rawJsonText: fc.Arbitrary<string> = fc.oneof(
  fc.integer({ min: 1, max: 30_000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth)),
  fc.integer({ min: 1, max: 6_000 }).map((depth) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)),
  fc.integer({ min: 1, max: 6_000 }).map((depth) => '{"response":'.repeat(depth) + '{}' + '}'.repeat(depth)),
  fc.constantFrom(
    '{"response":{},"response":"x"}',
    '{"username":"a","username":"b"}',
    '{"__proto__":{"polluted":true}}',
    '{"constructor":{"prototype":{"polluted":true}}}',
    '1e400', '-1e400', '123456789012345678901234567890', '{"username":1e400}',
    '"\\ud800"', '{"username":"\\ud800\\udc00\\udbff"}', '{"displayName":"\\u0000"}',
    '', ' ', 'null', 'true', '[]', '{}', '"{}"',
    '{', '}', '{"a"', '{"a":}', "{'a':1}", '{a:1}', '[1,]', '{"a":1,}', 'NaN', 'Infinity', 'undefined', '\u0000{}', '{}\u0000',
  ),
  fc
    .record({ element: fc.constantFrom('0', '"a"', 'null', '{}', '[]'), under: fc.boolean() })
    .map(({ element, under }) => {
      // One element more or fewer than fits, so the body lands on either side of the cap.
      const count = Math.floor((MAX_BODY_BYTES - 32) / (element.length + 1)) + (under ? 0 : 64);
      return `{"response":[${Array(count).fill(element).join(',')}]}`;
    }),
);
