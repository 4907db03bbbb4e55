import { describe, expect, it } from 'vitest';
import { passkeyProvider } from './aaguids';

describe('passkeyProvider', () => {
  it('names a listed provider, in any letter case', () => {
    // Google Password Manager's AAGUID, from the community list.
    expect(passkeyProvider('EA9B8D66-4D01-1D21-3CE4-B6B48CB575D4')?.name).toBe('Google Password Manager');
  });

  it('gives icons as data URIs', () => {
    expect(passkeyProvider('ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4')?.iconLight).toMatch(/^data:image\/svg\+xml;base64,/);
  });

  it('returns null for the all-zero and unknown AAGUIDs', () => {
    expect(passkeyProvider('00000000-0000-0000-0000-000000000000')).toBeNull();
    expect(passkeyProvider('12345678-1234-1234-1234-123456789abc')).toBeNull();
  });
});
