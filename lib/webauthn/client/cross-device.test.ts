import { describe, expect, it } from 'vitest';
import { crossDeviceReadiness, osFamily, remembersLinkedPhones, type CrossDeviceEnvironment } from './cross-device';

// Node has neither PublicKeyCredential nor Web Bluetooth: each browser is described by what its
// APIs answer. The real "no Web Bluetooth" path runs in Chromium in e2e/cross-device.spec.ts.
const capabilities = (hybridTransport: boolean | undefined) => () => Promise.resolve({ hybridTransport });
const never = () => new Promise<boolean>(() => undefined);

function env(overrides: Partial<CrossDeviceEnvironment>): CrossDeviceEnvironment {
  return { os: 'windows', ...overrides };
}

describe('crossDeviceReadiness', () => {
  it.each([
    ['adapter there, hybrid usable', { bluetoothAvailability: () => Promise.resolve(true), getClientCapabilities: capabilities(true) }, { kind: 'ready' }],
    ['adapter there, hybrid not usable now (switched off)', { bluetoothAvailability: () => Promise.resolve(true), getClientCapabilities: capabilities(false) }, { kind: 'bluetooth-off', os: 'windows' }],
    ['adapter there, the browser silent on hybrid', { bluetoothAvailability: () => Promise.resolve(true), getClientCapabilities: capabilities(undefined) }, { kind: 'ready' }],
    ['no adapter', { bluetoothAvailability: () => Promise.resolve(false), getClientCapabilities: capabilities(false) }, { kind: 'no-bluetooth' }],
    ['no adapter, whatever hybrid says', { bluetoothAvailability: () => Promise.resolve(false), getClientCapabilities: capabilities(true) }, { kind: 'no-bluetooth' }],
    ['getAvailability rejects', { bluetoothAvailability: () => Promise.reject(new Error('SecurityError')), getClientCapabilities: capabilities(false) }, { kind: 'undetectable' }],
    ['getAvailability rejects, hybrid usable', { bluetoothAvailability: () => Promise.reject(new Error('x')), getClientCapabilities: capabilities(true) }, { kind: 'ready' }],
    ['no Web Bluetooth (Firefox, Safari, Linux Chromium)', { getClientCapabilities: capabilities(false) }, { kind: 'undetectable' }],
    ['no Web Bluetooth, hybrid usable', { getClientCapabilities: capabilities(true) }, { kind: 'ready' }],
    ['nothing at all', {}, { kind: 'undetectable' }],
    ['blocked by Permissions-Policy (it would answer false)', { bluetoothAllowed: false, bluetoothAvailability: () => Promise.resolve(false), getClientCapabilities: capabilities(false) }, { kind: 'undetectable' }],
  ] as const)('%s', async (_name, overrides, expected) => {
    await expect(crossDeviceReadiness(env(overrides))).resolves.toEqual(expected);
  });

  it('says which system to explain switching Bluetooth on for', async () => {
    for (const os of ['windows', 'macos', 'linux', 'android', 'ios'] as const) {
      await expect(crossDeviceReadiness({ os, bluetoothAvailability: () => Promise.resolve(true), getClientCapabilities: capabilities(false) })).resolves.toEqual({ kind: 'bluetooth-off', os });
    }
  });

  it('never takes longer than its limit: an API that never answers reads as "cannot be detected"', async () => {
    const started = Date.now();
    await expect(crossDeviceReadiness(env({ bluetoothAvailability: never, getClientCapabilities: () => new Promise(() => undefined) }), 50)).resolves.toEqual({ kind: 'undetectable' });
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});

describe('osFamily', () => {
  it.each([
    ['Windows', '', 'windows'],
    ['macOS', '', 'macos'],
    ['Linux', '', 'linux'],
    ['Android', '', 'android'],
    ['Chrome OS', '', 'chromeos'],
    [undefined, 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36', 'windows'],
    [undefined, 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 Version/18.2 Safari/605.1.15', 'macos'],
    [undefined, 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_2 like Mac OS X) AppleWebKit/605.1.15', 'ios'],
    [undefined, 'Mozilla/5.0 (Linux; Android 15; Pixel 9) AppleWebKit/537.36', 'android'],
    [undefined, 'Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0', 'linux'],
  ] as const)('%s / %s → %s', (platform, userAgent, expected) => {
    expect(osFamily(platform, userAgent)).toBe(expected);
  });
});

describe('remembersLinkedPhones', () => {
  // navigator.userAgentData.brands as each browser reports it (Safari and Firefox have none).
  const chrome = [{ brand: 'Chromium' }, { brand: 'Google Chrome' }, { brand: 'Not_A Brand' }];
  const edge = [{ brand: 'Chromium' }, { brand: 'Microsoft Edge' }, { brand: 'Not_A Brand' }];

  it('is Chrome and Edge on a computer', () => {
    expect(remembersLinkedPhones(chrome, 'windows')).toBe(true);
    expect(remembersLinkedPhones(edge, 'windows')).toBe(true);
    expect(remembersLinkedPhones(chrome, 'macos')).toBe(true);
    expect(remembersLinkedPhones(chrome, 'linux')).toBe(true);
  });

  it('is not Safari or Firefox, nor any browser on a phone or tablet', () => {
    expect(remembersLinkedPhones(undefined, 'macos')).toBe(false);
    expect(remembersLinkedPhones(undefined, 'windows')).toBe(false);
    expect(remembersLinkedPhones(chrome, 'android')).toBe(false);
    expect(remembersLinkedPhones(undefined, 'ios')).toBe(false);
  });
});

