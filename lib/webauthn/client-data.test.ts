import { describe, expect, it } from 'vitest';
import { ApiError } from '@/lib/api/errors';
import { readClientData } from './client-data';

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const expected = { type: 'webauthn.get', origin: 'https://example.co.uk' } as const;

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError) return error.code;
    throw error;
  }
  throw new Error('expected an ApiError');
}

describe('readClientData', () => {
  it('returns the challenge of a response for this origin and ceremony', () => {
    const data = readClientData(encode({ type: 'webauthn.get', challenge: 'abc', origin: 'https://example.co.uk' }), expected);
    expect(data.challenge).toBe('abc');
  });

  it('refuses a response made on another listed origin, naming both', () => {
    const run = () => readClientData(encode({ type: 'webauthn.get', challenge: 'abc', origin: 'https://example.com' }), expected);
    expect(codeOf(run)).toBe('ORIGIN_MISMATCH');
    expect(run).toThrow('Unexpected origin "https://example.com", expected "https://example.co.uk".');
  });

  it('refuses the other ceremony type', () => {
    expect(codeOf(() => readClientData(encode({ type: 'webauthn.create', challenge: 'abc', origin: expected.origin }), expected))).toBe('UNEXPECTED_CEREMONY_TYPE');
  });

  it.each([
    ['crossOrigin: true', { crossOrigin: true }],
    ['a topOrigin', { topOrigin: 'https://evil.example' }],
  ])('refuses a ceremony made in a frame of another site (%s)', (_name, extra) => {
    expect(codeOf(() => readClientData(encode({ type: 'webauthn.get', challenge: 'abc', origin: expected.origin, ...extra }), expected))).toBe('CROSS_ORIGIN_REFUSED');
    expect(readClientData(encode({ type: 'webauthn.get', challenge: 'abc', origin: expected.origin, crossOrigin: false }), expected).challenge).toBe('abc');
  });

  it.each([
    ['not base64url json', '!!!'],
    ['missing fields', encode({ type: 'webauthn.get' })],
    ['a challenge with a NUL', encode({ type: 'webauthn.get', challenge: 'a\u0000b', origin: expected.origin })],
    ['a non-boolean crossOrigin', encode({ type: 'webauthn.get', challenge: 'abc', origin: expected.origin, crossOrigin: 'yes' })],
  ])('refuses %s', (_name, value) => {
    expect(codeOf(() => readClientData(value, expected))).toBe('INVALID_REQUEST');
  });
});
