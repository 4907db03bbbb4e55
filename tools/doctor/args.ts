import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Transport } from '@/lib/doctor/https-get';

export const USAGE = `Usage: npm run doctor -- [https://rp-id-host] [options]

Checks the live https://{RP ID}/.well-known/webauthn the way Chromium reads it, and every
configured site against it. Without a URL, the site config's RP ID is checked.

Options:
  --json             print the report as JSON
  --proxy <url>      reach the sites through an HTTP CONNECT proxy, e.g. http://127.0.0.1:3443
  --ca <file.pem>    also trust this certificate (e.g. the local edge's .edge/cert.pem)
  --config <file>    compare with this site config instead of sites.config.ts
  --timeout <ms>     give up on each request after this long (default 10000, as Chromium)

Exit status: 0 when every listed site would work, 1 otherwise, 2 for a usage error.`;

/** A mistake in the command line: printed with the usage, exit status 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export interface CliOptions {
  /** The RP ID host to check; the site config's when absent. */
  rpId?: string;
  json: boolean;
  configPath?: string;
  transport: Transport;
}

/** Reads the command line; throws UsageError naming the argument that is wrong. */
export function parseCliArgs(argv: readonly string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        json: { type: 'boolean', default: false },
        proxy: { type: 'string' },
        ca: { type: 'string' },
        config: { type: 'string' },
        timeout: { type: 'string' },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) throw new UsageError(`expected one URL, got ${positionals.length}: ${positionals.join(' ')}`);

  const transport: Transport = {};
  if (values.proxy !== undefined) transport.proxy = proxyUrl(values.proxy);
  if (values.ca !== undefined) transport.ca = readCertificate(values.ca);
  if (values.timeout !== undefined) transport.timeoutMs = timeout(values.timeout);
  return {
    rpId: positionals[0] === undefined ? undefined : rpIdOf(positionals[0]),
    json: values.json,
    configPath: values.config,
    transport,
  };
}

/** `https://example.com` (a trailing slash allowed) → `example.com`. */
function rpIdOf(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`"${value}" is not a URL; give the RP ID host's origin, such as https://example.com`);
  }
  if (url.protocol !== 'https:') throw new UsageError(`"${value}" must start with https:// (browsers fetch the list over HTTPS only)`);
  if (url.port !== '') throw new UsageError(`"${value}" must not name a port: browsers fetch https://${url.hostname}/.well-known/webauthn on port 443`);
  if (url.username || url.password || url.pathname !== '/' || url.search || url.hash) {
    throw new UsageError(`"${value}" must be an origin only, such as https://${url.hostname}, without a path, query or credentials`);
  }
  if (!url.hostname.includes('.') || url.hostname.startsWith('[') || /^[\d.]+$/.test(url.hostname)) {
    throw new UsageError(`"${value}" must name a domain: an RP ID is a hostname such as example.com, not an IP address`);
  }
  return url.hostname;
}

function proxyUrl(value: string): URL {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (url?.protocol !== 'http:' || url.pathname !== '/' || url.search || url.hash) {
    throw new UsageError(`--proxy "${value}" must be an http:// proxy address such as http://127.0.0.1:3443`);
  }
  return url;
}

function readCertificate(file: string): string {
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`--ca: cannot read ${file} (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw new UsageError(`--ca: ${file} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`);
  return pem;
}

function timeout(value: string): number {
  const ms = Number(value);
  if (!/^\d+$/.test(value) || ms < 1 || ms > 600_000) {
    throw new UsageError(`--timeout "${value}" must be a whole number of milliseconds from 1 to 600000, such as 10000`);
  }
  return ms;
}
