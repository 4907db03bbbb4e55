import { describe, expect, it } from 'vitest';
import { clientAddress } from './client-address';

const headers = (entries: Record<string, string>) => new Headers(entries);

describe('clientAddress', () => {
  it('reads nothing unless a trusted header is configured', () => {
    expect(clientAddress(headers({ 'x-forwarded-for': '203.0.113.9' }), undefined)).toBeUndefined();
  });

  it('takes the rightmost x-forwarded-for entry, the one the trusted proxy added', () => {
    expect(clientAddress(headers({ 'x-forwarded-for': '6.6.6.6, 203.0.113.9' }), 'x-forwarded-for')).toBe('203.0.113.9');
  });

  it('groups an IPv6 address by its /64', () => {
    expect(clientAddress(headers({ 'x-real-ip': '2001:db8:0:12:aaaa::1' }), 'x-real-ip')).toBe('2001:db8:0:12::/64');
    expect(clientAddress(headers({ 'x-real-ip': '2001:db8::1' }), 'x-real-ip')).toBe('2001:db8:0:0::/64');
    expect(clientAddress(headers({ 'x-real-ip': '::1' }), 'x-real-ip')).toBe('0:0:0:0::/64');
  });

  it('ignores what is not an address', () => {
    expect(clientAddress(headers({ 'x-forwarded-for': 'unknown' }), 'x-forwarded-for')).toBeUndefined();
    expect(clientAddress(headers({}), 'x-forwarded-for')).toBeUndefined();
  });
});
