import { describe, expect, it } from 'vitest';
import { DISMISSAL_DAYS, dismissPasskeyOffer, shouldOfferDevicePasskey, shouldOfferPasskey } from './passkey-upgrade';

function memoryStorage(): Pick<Storage, 'getItem' | 'setItem'> {
  const values = new Map<string, string>();
  return { getItem: (key) => values.get(key) ?? null, setItem: (key, value) => void values.set(key, value) };
}

const DAY = 24 * 60 * 60 * 1000;

describe('the passkey offer after a password sign-in', () => {
  it('is made only to an account the server knows no passkey for', () => {
    const storage = memoryStorage();
    expect(shouldOfferPasskey({ accountHasPasskey: false, storage })).toBe(true);
    expect(shouldOfferPasskey({ accountHasPasskey: true, storage })).toBe(false);
  });

  it(`stays away for ${DISMISSAL_DAYS} days on this device once dismissed, then comes back`, () => {
    const storage = memoryStorage();
    const now = Date.UTC(2026, 10, 22);
    dismissPasskeyOffer('first-passkey', { now, storage });
    expect(shouldOfferPasskey({ accountHasPasskey: false, now: now + 29 * DAY, storage })).toBe(false);
    expect(shouldOfferPasskey({ accountHasPasskey: false, now: now + 30 * DAY + 1, storage })).toBe(true);
  });

  it('after a sign-in with a phone or key, offers a passkey on this device, dismissed on its own', () => {
    const storage = memoryStorage();
    const now = Date.UTC(2026, 10, 22);
    expect(shouldOfferDevicePasskey({ attachment: 'cross-platform', now, storage })).toBe(true);
    expect(shouldOfferDevicePasskey({ attachment: 'platform', now, storage })).toBe(false);
    dismissPasskeyOffer('first-passkey', { now, storage });
    expect(shouldOfferDevicePasskey({ attachment: 'cross-platform', now, storage })).toBe(true);
    dismissPasskeyOffer('this-device', { now, storage });
    expect(shouldOfferDevicePasskey({ attachment: 'cross-platform', now: now + 29 * DAY, storage })).toBe(false);
    expect(shouldOfferDevicePasskey({ attachment: 'cross-platform', now: now + 31 * DAY, storage })).toBe(true);
  });

  it('reads a damaged stored value as no dismissal', () => {
    const storage = memoryStorage();
    storage.setItem('atlas-passkey-offer-dismissed-until', 'soon');
    expect(shouldOfferPasskey({ accountHasPasskey: false, storage })).toBe(true);
  });
});
