import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import type { NextRequest, NextResponse } from 'next/server';

/**
 * A random value in a host-only cookie ties each challenge to the browser (or API client with a
 * cookie jar) that asked for it; the database stores only its hash. `__Host-` forbids a Domain
 * attribute, so one site can never plant it for another.
 */
export const BINDING_COOKIE = '__Host-atlas-ceremony';

const BINDING_MAX_AGE_SECONDS = 24 * 60 * 60;

export interface BrowserBinding {
  hash: string;
  /** The cookie value to set, when this request created the binding. */
  newValue?: string;
}

export function hashBinding(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** The request's binding hash, if it carries a plausible binding cookie. */
export function existingBinding(request: NextRequest): string | undefined {
  const value = request.cookies.get(BINDING_COOKIE)?.value;
  return value && /^[\w-]{43}$/.test(value) ? hashBinding(value) : undefined;
}

/** The binding for a new ceremony: the existing cookie, or a new one to set. */
export function ensureBinding(request: NextRequest): BrowserBinding {
  const hash = existingBinding(request);
  if (hash) return { hash };
  const newValue = randomBytes(32).toString('base64url');
  return { hash: hashBinding(newValue), newValue };
}

export function setBindingCookie(response: NextResponse, binding: BrowserBinding): void {
  if (!binding.newValue) return;
  response.cookies.set(BINDING_COOKIE, binding.newValue, {
    path: '/',
    secure: true,
    httpOnly: true,
    sameSite: 'lax',
    maxAge: BINDING_MAX_AGE_SECONDS,
  });
}
