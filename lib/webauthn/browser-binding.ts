import { createHash, randomBytes } from 'node:crypto';

/**
 * A random value in a host-only cookie ties each challenge to the browser (or API client with a
 * cookie jar) that asked for it; the database stores only its hash. `__Host-` forbids a Domain
 * attribute, so one site can never plant it for another.
 */
export const BINDING_COOKIE = '__Host-atlas-ceremony';

export interface BrowserBinding {
  hash: string;
  /** Set-Cookie value to send when the binding was created by this request. */
  setCookie?: string;
}

export function hashBinding(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

function readCookie(request: Request, name: string): string | undefined {
  const header = request.headers.get('cookie') ?? '';
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=') || undefined;
  }
  return undefined;
}

/** The request's binding hash, if it carries a plausible binding cookie. */
export function existingBinding(request: Request): string | undefined {
  const value = readCookie(request, BINDING_COOKIE);
  return value && /^[\w-]{43}$/.test(value) ? hashBinding(value) : undefined;
}

/** The binding for a new ceremony: the existing cookie, or a new one to set. */
export function ensureBinding(request: Request): BrowserBinding {
  const hash = existingBinding(request);
  if (hash) return { hash };
  const value = randomBytes(32).toString('base64url');
  return {
    hash: hashBinding(value),
    setCookie: `${BINDING_COOKIE}=${value}; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=86400`,
  };
}
