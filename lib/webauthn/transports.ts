import type { AuthenticatorTransport } from '@simplewebauthn/server';

const TRANSPORTS: readonly string[] = ['ble', 'hybrid', 'internal', 'nfc', 'usb'] satisfies AuthenticatorTransport[];

/**
 * The transports WebAuthn L3 names. What a browser reports is stored and sent back as hints, so
 * anything else (a typo, a future value, a NUL) is dropped rather than kept.
 */
export function knownTransports(values: readonly string[]): AuthenticatorTransport[] {
  return values.filter((value): value is AuthenticatorTransport => TRANSPORTS.includes(value));
}
