import type { NextRequest } from 'next/server';
import { handlers } from '@/auth';

const CALLBACK_COOKIES = ['__Secure-authjs.callback-url', 'authjs.callback-url'];

/** Auth.js's own test (lib/utils/assert.js): an absolute http(s) URL, or a path. */
function isHttpUrl(value: string, origin: string): boolean {
  try {
    return /^https?:/.test(new URL(value, value.startsWith('/') ? origin : undefined).protocol);
  } catch {
    return false;
  }
}

function guard(handler: (request: NextRequest) => Promise<Response>) {
  return (request: NextRequest) => {
    const origin = request.nextUrl.origin;
    const values = [...request.nextUrl.searchParams.getAll('callbackUrl'), ...CALLBACK_COOKIES.map((name) => request.cookies.get(name)?.value ?? '')].filter(Boolean);
    if (values.some((value) => !isHttpUrl(value, origin))) {
      return Promise.resolve(Response.json({ error: { code: 'INVALID_REQUEST', message: 'callbackUrl is not a URL.' } }, { status: 400 }));
    }
    return handler(request);
  };
}

export const GET = guard(handlers.GET);
export const POST = guard(handlers.POST);
