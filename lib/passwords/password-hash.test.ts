import { describe, expect, it } from 'vitest';
import { hashPassword, passwordMatches, verifyPassword } from './password-hash';

// Every hash here is a real one (128 MiB, most of a second on a small machine).
const SLOW = { timeout: 30_000 };

describe('hashPassword and verifyPassword', () => {
  it('stores a self-describing scrypt hash that verifies only the password it was made from', SLOW, async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(stored).toMatch(/^scrypt\$ln=17,r=8,p=1\$[\w-]{22}\$[\w-]{43}$/);
    expect(stored).not.toContain('correct horse');
    await expect(verifyPassword('correct horse battery staple', stored)).resolves.toBe(true);
    await expect(verifyPassword('correct horse battery stapl', stored)).resolves.toBe(false);
    await expect(verifyPassword('Correct horse battery staple', stored)).resolves.toBe(false);
  });

  it('salts each hash: one password twice gives two different hashes, both valid', SLOW, async () => {
    const [first, second] = await Promise.all([hashPassword('same password here'), hashPassword('same password here')]);
    expect(first).not.toBe(second);
    expect(first.split('$')[2]).not.toBe(second.split('$')[2]);
    await expect(verifyPassword('same password here', second)).resolves.toBe(true);
  });

  it('hashes the NFKC form: the same password typed with full-width letters verifies', SLOW, async () => {
    const stored = await hashPassword('ｔｉｍｅ ｔｏ ｇｏ 42');
    await expect(verifyPassword('time to go 42', stored)).resolves.toBe(true);
  });

  it('verifies with the parameters stored in the hash, not the current ones', SLOW, async () => {
    // A hash made with cheaper parameters (ln=10), as an older version of the app might have stored.
    const { scrypt } = await import('node:crypto');
    const salt = Buffer.alloc(16, 7);
    const key = await new Promise<Buffer>((resolve, reject) => scrypt('older password', salt, 32, { N: 1024, r: 8, p: 1 }, (e, k) => (e ? reject(e) : resolve(k))));
    const stored = `scrypt$ln=10,r=8,p=1$${salt.toString('base64url')}$${key.toString('base64url')}`;
    await expect(verifyPassword('older password', stored)).resolves.toBe(true);
    await expect(verifyPassword('other password', stored)).resolves.toBe(false);
  });

  it('refuses a stored value it cannot read rather than reading it as a mismatch', async () => {
    await expect(verifyPassword('anything', 'plaintext')).rejects.toThrow(/scrypt\$/);
  });
});

describe('passwordMatches', () => {
  it('is false without a stored hash, after the same work as a real check', SLOW, async () => {
    const stored = await hashPassword('a real password');
    const timed = async (stored: string | null) => {
      const start = performance.now();
      const matches = await passwordMatches('a real password', stored);
      return { matches, ms: performance.now() - start };
    };
    const real = await timed(stored);
    const none = await timed(null);
    expect(real.matches).toBe(true);
    expect(none.matches).toBe(false);
    // Skipping the hash would take well under a millisecond; a hash takes hundreds.
    expect(none.ms).toBeGreaterThan(real.ms / 3);
  });
});
