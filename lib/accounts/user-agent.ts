import Bowser from 'bowser';

const DEVICES = ['desktop', 'mobile', 'tablet', 'tv'] as const;
type Device = (typeof DEVICES)[number];

const isDevice = (type: string | undefined): type is Device => DEVICES.some((device) => device === type);

/** A browser in words, as the list of signed-in devices shows it. */
export interface BrowserDescription {
  /** Name and major version ("Chrome 156", "Safari 18"); null when the user agent names none. */
  browser: string | null;
  /**
   * The operating system's name only ("macOS", "Windows", "Android"): browsers now freeze the
   * versions they report (macOS 10.15.7, Windows NT 10.0, Android 10), so a version would mislead.
   */
  os: string | null;
  device: Device | null;
}

/** Names the browser, system and kind of device of a stored user agent (bowser, kept up to date upstream). */
export function describeUserAgent(userAgent: string | null): BrowserDescription {
  if (!userAgent?.trim()) return { browser: null, os: null, device: null };
  const { browser, os, platform } = Bowser.parse(userAgent);
  const major = browser.version?.split('.')[0];
  return {
    browser: browser.name ? [browser.name, major].filter(Boolean).join(' ') : null,
    os: os.name || null,
    device: isDevice(platform.type) ? platform.type : null,
  };
}

/**
 * The kind of browser, without versions ("Chrome on macOS"): what stays the same across its
 * updates, so a browser that updated itself is not taken for a new one. Null when unnamed.
 */
export function browserKind(userAgent: string | null): string | null {
  if (!userAgent?.trim()) return null;
  const { browser, os } = Bowser.parse(userAgent);
  if (!browser.name) return null;
  return os.name ? `${browser.name} on ${os.name}` : browser.name;
}
