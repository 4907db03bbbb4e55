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

  it.each([['not base64url json', '!!!'], ['missing fields', encode({ type: 'webauthn.get' })]])('refuses %s', (_name, value) => {
    expect(codeOf(() => readClientData(value, expected))).toBe('INVALID_REQUEST');
  });
});
