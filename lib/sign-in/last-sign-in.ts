/**
 * How the last sign-in in this tab happened, handed from the code that signed in to the notice
 * that says so (components/sign-in/sign-in-notice.tsx), across a navigation or a refresh. Kept in
 * sessionStorage: this tab only, gone when it closes, nothing sent to the server.
 */
export type SignInMethod = 'immediate-passkey' | 'immediate-password' | 'autofill' | 'passkey-button' | 'password-form' | 'password-sign-up';

/** Why a sign-in page was opened instead of signing in on the spot. */
export type Fallback = 'nothing-here' | 'immediate-failed';

export interface LastSignIn {
  method: SignInMethod;
  /** After a password: offer a passkey for this account (lib/sign-in/passkey-upgrade.ts decides). */
  offerPasskey: boolean;
  /** After a passkey from a phone or a key: offer one on this device. */
  offerDevicePasskey?: boolean;
}

const SIGN_IN_KEY = 'atlas-last-sign-in';
const FALLBACK_KEY = 'atlas-sign-in-fallback';
/** Fired on window when either is recorded, so a notice already on the page (layouts stay mounted across navigations) shows it. */
export const NOTICE_EVENT = 'atlas:sign-in-notice';

/**
 * `followedByLoad`: the page is about to be replaced by a full load, whose notice shows the
 * record; announcing it here would let this page's notice take it first.
 */
export function rememberSignIn(signIn: LastSignIn, { followedByLoad = false }: { followedByLoad?: boolean } = {}): void {
  sessionStorage.setItem(SIGN_IN_KEY, JSON.stringify(signIn));
  if (!followedByLoad) window.dispatchEvent(new Event(NOTICE_EVENT));
}

const METHODS: readonly SignInMethod[] = ['immediate-passkey', 'immediate-password', 'autofill', 'passkey-button', 'password-form', 'password-sign-up'];

/** The recorded sign-in, once: reading it removes it, so the notice shows once. */
export function takeLastSignIn(): LastSignIn | null {
  const stored = sessionStorage.getItem(SIGN_IN_KEY);
  sessionStorage.removeItem(SIGN_IN_KEY);
  if (!stored) return null;
  try {
    const value = JSON.parse(stored) as Partial<LastSignIn>;
    return METHODS.includes(value.method as SignInMethod)
      ? { method: value.method as SignInMethod, offerPasskey: value.offerPasskey === true, offerDevicePasskey: value.offerDevicePasskey === true }
      : null;
  } catch {
    return null;
  }
}

export function rememberFallback(reason: Fallback): void {
  sessionStorage.setItem(FALLBACK_KEY, reason);
  window.dispatchEvent(new Event(NOTICE_EVENT));
}

export function takeFallback(): Fallback | null {
  const reason = sessionStorage.getItem(FALLBACK_KEY);
  sessionStorage.removeItem(FALLBACK_KEY);
  return reason === 'nothing-here' || reason === 'immediate-failed' ? reason : null;
}
