import { describe, expect, it } from 'vitest';
import { isLoopbackHost, normalizeHost, resolveSite } from './resolve-site';

describe('normalizeHost', () => {
  it.each([
    ['Example.COM', 'example.com'],
    ['example.com:443', 'example.com'],
    ['example.com.', 'example.com'],
    ['[::1]:3000', '[::1]'],
    [null, ''],
  ])('%s → %s', (input, expected) => {
    expect(normalizeHost(input)).toBe(expected);
  });
});

describe('resolveSite', () => {
  it.each([
    ['example.com', 'shop'],
    ['www.example.com', 'shop'],
    ['EXAMPLE.co.uk:443', 'uk'],
    ['example.co.jp', 'jp'],
    ['example-rewards.com', 'rewards'],
    ['example-outlet.com', 'outlet'],
  ])('%s → %s', (host, id) => {
    expect(resolveSite(host)?.site.id).toBe(id);
  });

  it('keeps the hostname the request used, so the origin is exact', () => {
    expect(resolveSite('WWW.example.com')?.hostname).toBe('www.example.com');
  });

  it.each(['evil.com', 'shop.example.com', 'example.com.evil.com', 'localhost:3000', '', undefined])('refuses %s', (host) => {
    expect(resolveSite(host)).toBeUndefined();
  });
});

describe('isLoopbackHost', () => {
  it.each(['localhost:3000', '127.0.0.1:3000', '[::1]:3000', 'localhost'])('%s is loopback', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });
  it.each(['example.com', 'localhost.example.com', '10.0.0.1'])('%s is not', (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });
});
