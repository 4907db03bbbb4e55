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
const DISMISSED_UNTIL_KEY = 'atlas-passkey-offer-dismissed-until';

export function shouldOfferPasskey({ accountHasPasskey, now = Date.now(), storage = localStorage }: { accountHasPasskey: boolean; now?: number; storage?: Pick<Storage, 'getItem'> }): boolean {
  if (accountHasPasskey) return false;
  const until = Number(storage.getItem(DISMISSED_UNTIL_KEY));
  return !(Number.isFinite(until) && until > now);
}

export function dismissPasskeyOffer({ now = Date.now(), storage = localStorage }: { now?: number; storage?: Pick<Storage, 'setItem'> } = {}): void {
  storage.setItem(DISMISSED_UNTIL_KEY, String(now + DISMISSAL_DAYS * 24 * 60 * 60 * 1000));
}
