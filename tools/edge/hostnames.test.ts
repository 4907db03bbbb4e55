import { describe, expect, it } from 'vitest';
import { hostnameSetKey, normalizeHostnames } from './hostnames';

describe('normalizeHostnames', () => {
  it('lower-cases, converts IDNs to punycode and drops duplicates in order', () => {
    expect(normalizeHostnames(['Example.COM', 'www.example.com', 'example.com', 'bücher.example'])).toEqual([
      'example.com',
      'www.example.com',
      'xn--bcher-kva.example',
    ]);
  });

  it.each(['example.com:443', 'https://example.com', '*.example.com', '127.0.0.1', 'a..b', '-a.com', ''])(
    'rejects %j',
    (bad) => {
      expect(() => normalizeHostnames([bad])).toThrow(/Not a DNS hostname/);
    },
  );

  it('rejects an empty list', () => {
    expect(() => normalizeHostnames([])).toThrow(/at least one/);
  });
});

describe('hostnameSetKey', () => {
  it('ignores order and duplicates but not membership', () => {
    expect(hostnameSetKey(['b.com', 'a.com', 'a.com'])).toBe(hostnameSetKey(['a.com', 'b.com']));
    expect(hostnameSetKey(['a.com'])).not.toBe(hostnameSetKey(['a.com', 'b.com']));
  });
});
