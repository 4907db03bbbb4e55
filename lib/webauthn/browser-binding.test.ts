import { NextRequest, NextResponse } from 'next/server';
import { describe, expect, it } from 'vitest';
import { BINDING_COOKIE, ensureBinding, existingBinding, hashBinding, setBindingCookie } from './browser-binding';

const request = (cookie?: string) => new NextRequest('https://example.com/', { headers: cookie ? { cookie } : {} });

describe('browser binding', () => {
  it('creates a host-only, secure, HttpOnly cookie when there is none, and stores only its hash', () => {
    const binding = ensureBinding(request());
    const response = NextResponse.json({});
    setBindingCookie(response, binding);
    const header = response.headers.get('set-cookie') ?? '';
    expect(header).toMatch(new RegExp(`^${BINDING_COOKIE}=[\\w-]{43}; Path=/; .*Max-Age=86400; Secure; HttpOnly; SameSite=lax`, 'i'));
    expect(header).not.toMatch(/Domain=/i);
    const value = header.split(';')[0]!.split('=')[1]!;
    expect(binding.hash).toBe(hashBinding(value));
    expect(existingBinding(request(`${BINDING_COOKIE}=${value}`))).toBe(binding.hash);
  });

  it('reuses an existing cookie and sets none', () => {
    const value = 'a'.repeat(43);
    const binding = ensureBinding(request(`other=1; ${BINDING_COOKIE}=${value}`));
    expect(binding).toEqual({ hash: hashBinding(value) });
    const response = NextResponse.json({});
    setBindingCookie(response, binding);
    expect(response.headers.get('set-cookie')).toBeNull();
  });

  it('ignores a malformed cookie', () => {
    expect(existingBinding(request(`${BINDING_COOKIE}=short`))).toBeUndefined();
    expect(existingBinding(request())).toBeUndefined();
  });
});
