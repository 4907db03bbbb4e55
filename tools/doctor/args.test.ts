import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCliArgs, UsageError } from './args';

const dir = mkdtempSync(path.join(os.tmpdir(), 'doctor-args-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('parseCliArgs', () => {
  it('reads the RP ID from an https origin and every option', () => {
    const ca = path.join(dir, 'cert.pem');
    writeFileSync(ca, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    expect(parseCliArgs(['https://Example.com/', '--json', '--proxy', 'http://127.0.0.1:3443', '--ca', ca, '--config', 'other.config.ts', '--timeout', '2500'])).toEqual({
      rpId: 'example.com',
      json: true,
      configPath: 'other.config.ts',
      transport: { proxy: new URL('http://127.0.0.1:3443'), ca: expect.stringContaining('BEGIN CERTIFICATE'), timeoutMs: 2500 },
    });
  });

  it('leaves the RP ID to the site config when no URL is given', () => {
    expect(parseCliArgs([])).toEqual({ rpId: undefined, json: false, configPath: undefined, transport: {} });
  });

  it.each([
    [['example.com'], '"example.com" is not a URL; give the RP ID host\'s origin, such as https://example.com'],
    [['http://example.com'], '"http://example.com" must start with https:// (browsers fetch the list over HTTPS only)'],
    [['https://example.com:8443'], 'must not name a port: browsers fetch https://example.com/.well-known/webauthn on port 443'],
    [['https://example.com/.well-known/webauthn'], 'must be an origin only, such as https://example.com, without a path, query or credentials'],
    [['https://user@example.com'], 'must be an origin only'],
    [['https://127.0.0.1'], 'must name a domain'],
    [['https://localhost'], 'must name a domain'],
    [['https://a.com', 'https://b.com'], 'expected one URL, got 2: https://a.com https://b.com'],
    [['--proxy', 'socks5://127.0.0.1:1080'], '--proxy "socks5://127.0.0.1:1080" must be an http:// proxy address such as http://127.0.0.1:3443'],
    [['--proxy', '127.0.0.1:3443'], 'must be an http:// proxy address'],
    [['--timeout', 'soon'], '--timeout "soon" must be a whole number of milliseconds from 1 to 600000'],
    [['--timeout', '0'], 'must be a whole number of milliseconds'],
    [['--timeout', '1.5'], 'must be a whole number of milliseconds'],
    [['--ca', path.join(dir, 'absent.pem')], `--ca: cannot read ${path.join(dir, 'absent.pem')}`],
    [['--verbose'], "Unknown option '--verbose'"],
    [['--proxy'], "Option '--proxy <value>' argument missing"],
  ])('refuses %j, naming what is wrong', (args, message) => {
    expect(() => parseCliArgs(args)).toThrow(UsageError);
    expect(() => parseCliArgs(args)).toThrow(message);
  });

  it('refuses a --ca file without a PEM certificate', () => {
    const notPem = path.join(dir, 'key.txt');
    writeFileSync(notPem, 'not a certificate');
    expect(() => parseCliArgs(['--ca', notPem])).toThrow(`--ca: ${notPem} holds no PEM certificate`);
  });
});
