/**
 * Whether signing in with a phone (hybrid: a QR code here, Bluetooth proximity, then the phone)
 * can work on this computer, as far as the browser will say. Exactly one answer, never an
 * exception, never more than a second.
 */
export type CrossDeviceReadiness =
  | { kind: 'ready' }
  /** A Bluetooth adapter is there, but the browser cannot use it for hybrid now: switched off. */
  | { kind: 'bluetooth-off'; os: OsFamily }
  /** The browser will not say (no Web Bluetooth, blocked by Permissions-Policy, no answer in time): try anyway. */
  | { kind: 'undetectable' }
  /** No Bluetooth adapter at all: a QR code cannot work here. */
  | { kind: 'no-bluetooth' };

export type OsFamily = 'windows' | 'macos' | 'linux' | 'chromeos' | 'android' | 'ios' | 'other';

/** What the check reads, so tests can stand in for each browser and system. */
export interface CrossDeviceEnvironment {
  getClientCapabilities?: () => Promise<Record<string, boolean | undefined>>;
  /** `navigator.bluetooth.getAvailability`, absent where Web Bluetooth is (Firefox, Safari, Linux Chromium). */
  bluetoothAvailability?: () => Promise<boolean>;
  /** Whether Permissions-Policy lets this document use Bluetooth; undefined when the browser cannot say. */
  bluetoothAllowed?: boolean;
  os: OsFamily;
}

/**
 * Whether this browser can remember a linked Android phone, so that the next sign-in with it needs
 * a notification on the phone instead of a QR code (persistent linking): Chrome and Edge, which
 * are Chromium, on a computer. Safari and Firefox have no `navigator.userAgentData`, so no brands.
 */
export function remembersLinkedPhones(brands: readonly { brand: string }[] | undefined, os: OsFamily): boolean {
  return os !== 'android' && os !== 'ios' && (brands ?? []).some(({ brand }) => brand === 'Chromium');
}

const TIME_LIMIT_MS = 1_000;

/** The operating system, from UA client hints where the browser has them, else from the UA string. */
export function osFamily(platform: string | undefined, userAgent: string): OsFamily {
  const name = (platform ?? '').toLowerCase();
  const ua = userAgent.toLowerCase();
  if (name === 'windows' || (!name && ua.includes('windows'))) return 'windows';
  if (name === 'android' || (!name && ua.includes('android'))) return 'android';
  if (name === 'ios' || (!name && /iphone|ipad|ipod/.test(ua))) return 'ios';
  if (name === 'macos' || (!name && ua.includes('mac os x'))) return 'macos';
  if (name === 'chrome os' || name === 'chromeos' || (!name && ua.includes('cros'))) return 'chromeos';
  if (name === 'linux' || (!name && ua.includes('linux'))) return 'linux';
  return 'other';
}

function browserEnvironment(): CrossDeviceEnvironment {
  const statics = globalThis.PublicKeyCredential as { getClientCapabilities?: () => Promise<Record<string, boolean | undefined>> } | undefined;
  const nav = globalThis.navigator as (Navigator & { bluetooth?: { getAvailability?: () => Promise<boolean> }; userAgentData?: { platform?: string } }) | undefined;
  const policy = (globalThis.document as (Document & { permissionsPolicy?: { allowsFeature(feature: string): boolean }; featurePolicy?: { allowsFeature(feature: string): boolean } }) | undefined);
  const allows = policy?.permissionsPolicy ?? policy?.featurePolicy;
  const getAvailability = nav?.bluetooth?.getAvailability;
  return {
    getClientCapabilities: statics?.getClientCapabilities?.bind(statics),
    bluetoothAvailability: getAvailability ? getAvailability.bind(nav.bluetooth) : undefined,
    bluetoothAllowed: allows ? allows.allowsFeature('bluetooth') : undefined,
    os: osFamily(nav?.userAgentData?.platform, nav?.userAgent ?? ''),
  };
}

/** `promise`'s value, or `fallback` when it rejects or takes longer than `ms`. */
function within<T>(promise: Promise<T> | undefined, ms: number, fallback: T): Promise<T> {
  if (!promise) return Promise.resolve(fallback);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<T>((resolve) => (timer = setTimeout(() => resolve(fallback), ms)));
  return Promise.race([promise.catch(() => fallback), late]).finally(() => clearTimeout(timer));
}

/**
 * Combines what the browser says: `hybridTransport` (can it do hybrid now) and Web Bluetooth's
 * getAvailability() (is there an adapter). Bluetooth blocked by Permissions-Policy answers
 * "unavailable" too, so a blocked document counts as "cannot be detected", never "no Bluetooth".
 */
export async function crossDeviceReadiness(environment: CrossDeviceEnvironment = browserEnvironment(), timeLimitMs = TIME_LIMIT_MS): Promise<CrossDeviceReadiness> {
  const started = Date.now();
  const capabilities = await within(environment.getClientCapabilities?.(), timeLimitMs, {} as Record<string, boolean | undefined>);
  const hybrid = capabilities.hybridTransport;
  if (environment.bluetoothAllowed === false || !environment.bluetoothAvailability) return hybrid === true ? { kind: 'ready' } : { kind: 'undetectable' };
  const adapter = await within<boolean | undefined>(environment.bluetoothAvailability(), Math.max(0, timeLimitMs - (Date.now() - started)), undefined);
  if (adapter === undefined) return hybrid === true ? { kind: 'ready' } : { kind: 'undetectable' };
  if (!adapter) return { kind: 'no-bluetooth' };
  if (hybrid === false) return { kind: 'bluetooth-off', os: environment.os };
  return { kind: 'ready' };
}
