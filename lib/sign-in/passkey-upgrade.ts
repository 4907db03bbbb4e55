/**
 * When to offer a passkey after a password sign-in, and remembering "not now".
 *
 * The rule: offer one only when the server knows no passkey for the account. When it knows one,
 * this browser may well be able to use it (a synced passkey reaches the person's other devices,
 * and related origins make one from any listed site work here), and the browser will not say
 * whether it can without showing a dialog. A person who dismisses the offer does not see it
 * again on this device for 30 days; the choice is per site, as the storage is per origin.
 */
export const DISMISSAL_DAYS = 30;

/**
 * The two offers, dismissed separately: a first passkey after a password, and a passkey on this
 * device after a sign-in with a phone or key (issue 10's rule: offered whenever the passkey used
 * was not this device's; a device that already holds one answers the ceremony's
 * excludeCredentials with a calm "already registered").
 */
export type PasskeyOfferKind = 'first-passkey' | 'this-device';

const DISMISSED_UNTIL_KEY: Record<PasskeyOfferKind, string> = {
  'first-passkey': 'atlas-passkey-offer-dismissed-until',
  'this-device': 'atlas-device-passkey-offer-dismissed-until',
};

function dismissed(kind: PasskeyOfferKind, now: number, storage: Pick<Storage, 'getItem'>): boolean {
  const until = Number(storage.getItem(DISMISSED_UNTIL_KEY[kind]));
  return Number.isFinite(until) && until > now;
}

export function shouldOfferPasskey({ accountHasPasskey, now = Date.now(), storage = localStorage }: { accountHasPasskey: boolean; now?: number; storage?: Pick<Storage, 'getItem'> }): boolean {
  return !accountHasPasskey && !dismissed('first-passkey', now, storage);
}

/** After a sign-in whose passkey was on a phone or a security key ('cross-platform'). */
export function shouldOfferDevicePasskey({ attachment, now = Date.now(), storage = localStorage }: { attachment: string | undefined; now?: number; storage?: Pick<Storage, 'getItem'> }): boolean {
  return attachment === 'cross-platform' && !dismissed('this-device', now, storage);
}

export function dismissPasskeyOffer(kind: PasskeyOfferKind, { now = Date.now(), storage = localStorage }: { now?: number; storage?: Pick<Storage, 'setItem'> } = {}): void {
  storage.setItem(DISMISSED_UNTIL_KEY[kind], String(now + DISMISSAL_DAYS * 24 * 60 * 60 * 1000));
}
