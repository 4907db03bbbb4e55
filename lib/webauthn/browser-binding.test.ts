import { describe, expect, it } from 'vitest';
import { BINDING_COOKIE, ensureBinding, existingBinding, hashBinding } from './browser-binding';

const request = (cookie?: string) => new Request('https://example.com/', { headers: cookie ? { cookie } : {} });

describe('browser binding', () => {
  it('creates a host-only, secure, HttpOnly cookie when there is none', () => {
    const binding = ensureBinding(request());
    expect(binding.setCookie).toMatch(new RegExp(`^${BINDING_COOKIE}=[\\w-]{43}; Path=/; Secure; HttpOnly; SameSite=Lax`));
    expect(binding.setCookie).not.toMatch(/Domain=/i);
    const value = binding.setCookie!.split(';')[0]!.split('=')[1]!;
    expect(binding.hash).toBe(hashBinding(value));
  });

  it('reuses an existing cookie and stores only its hash', () => {
    const value = 'a'.repeat(43);
    const binding = ensureBinding(request(`other=1; ${BINDING_COOKIE}=${value}`));
    expect(binding).toEqual({ hash: hashBinding(value) });
    expect(binding.hash).not.toContain(value);
  });

  it('ignores a malformed cookie', () => {
    expect(existingBinding(request(`${BINDING_COOKIE}=short`))).toBeUndefined();
    expect(existingBinding(request())).toBeUndefined();
  });
});
