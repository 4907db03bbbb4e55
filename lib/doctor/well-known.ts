import { httpsGet, type HttpsOutcome, type Transport, type TransportFailure } from './https-get';

/** Chromium downloads at most this much of the well-known (kRpIdMaxBodyBytes, 1 << 18) and fails beyond. */
export const MAX_WELL_KNOWN_BYTES = 262_144;

export const WELL_KNOWN_PATH = '/.well-known/webauthn';

/** Why a browser could not use the file at all. */
export type WellKnownProblem =
  | { code: 'unreachable'; failure: TransportFailure }
  | { code: 'redirect'; status: number; location: string }
  | { code: 'status'; status: number }
  | { code: 'too-large'; limit: number }
  | { code: 'content-type'; contentType: string }
  | { code: 'invalid-json'; detail: string }
  | { code: 'not-an-object' }
  | { code: 'no-origins' };

export type WellKnownResult = { ok: true; origins: readonly unknown[] } | { ok: false; problem: WellKnownProblem };

export function wellKnownUrl(rpId: string): string {
  return `https://${rpId}${WELL_KNOWN_PATH}`;
}

/** Fetches `https://{rpId}/.well-known/webauthn` as Chromium does and reads it as Chromium would. */
export async function fetchWellKnown(rpId: string, transport: Transport): Promise<WellKnownResult> {
  return readWellKnown(wellKnownUrl(rpId), await httpsGet(rpId, WELL_KNOWN_PATH, transport, { maxBodyBytes: MAX_WELL_KNOWN_BYTES }));
}

/**
 * The checks in Chromium's order: the download (which fails on any status but 2xx and on a body
 * over 256 KiB), the MIME type, then strict JSON with an object at the top and an `origins` list.
 * Entries of the list are judged by the walk (origin-walk.ts), as Chromium does per entry.
 *
 * Redirects: the rule, and the one every browser agrees on, is that the file is served
 * by the RP ID host itself with a 200 (Firefox follows same-origin redirects only), so any 3xx
 * is reported as the problem, with where it points.
 */
export function readWellKnown(url: string, outcome: HttpsOutcome): WellKnownResult {
  if (outcome.kind === 'failure') return { ok: false, problem: { code: 'unreachable', failure: outcome.failure } };
  const { status, headers, body, truncated } = outcome;
  if (status >= 300 && status < 400 && typeof headers.location === 'string') {
    return { ok: false, problem: { code: 'redirect', status, location: resolveLocation(url, headers.location) } };
  }
  if (status !== 200) return { ok: false, problem: { code: 'status', status } };
  if (truncated) return { ok: false, problem: { code: 'too-large', limit: MAX_WELL_KNOWN_BYTES } };

  const contentType = headers['content-type'];
  if (mimeType(contentType) !== 'application/json') {
    return { ok: false, problem: { code: 'content-type', contentType: contentType ?? '' } };
  }

  let parsed: unknown;
  try {
    // fatal: browsers' JSON readers reject malformed UTF-8 rather than replacing it. A BOM is dropped, as they do.
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch (error) {
    return { ok: false, problem: { code: 'invalid-json', detail: error instanceof Error ? error.message : String(error) } };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { ok: false, problem: { code: 'not-an-object' } };
  const origins = (parsed as Record<string, unknown>).origins;
  if (!Array.isArray(origins)) return { ok: false, problem: { code: 'no-origins' } };
  return { ok: true, origins };
}

// RFC 9110 token characters, for the type and subtype of a media type.
const MEDIA_TYPE = /^[\t ]*([!#$%&'*+.^_`|~0-9a-z-]+\/[!#$%&'*+.^_`|~0-9a-z-]+)[\t ]*(?:;|$)/i;

/**
 * The MIME type of a Content-Type value, lower-cased and without parameters
 * (`Application/JSON; charset=utf-8` → `application/json`), or undefined when it is not one.
 */
export function mimeType(contentType: string | undefined): string | undefined {
  return contentType === undefined ? undefined : MEDIA_TYPE.exec(contentType)?.[1]?.toLowerCase();
}

function resolveLocation(url: string, location: string): string {
  try {
    return new URL(location, url).href;
  } catch {
    return location;
  }
}
