import type { z } from 'zod';
import { ApiError } from './errors';

/** Ceremony bodies are a few kilobytes; anything far beyond is a mistake or an attack. */
export const MAX_BODY_BYTES = 64 * 1024;

/**
 * Reads a JSON body with a size cap while streaming, so an oversized or endless body is refused
 * without being buffered whole.
 */
export async function readJsonBody(request: Request): Promise<unknown> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new ApiError('UNSUPPORTED_MEDIA_TYPE', `Send the body as application/json, not "${type || 'nothing'}".`);
  }
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > MAX_BODY_BYTES) throw tooLarge();

  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_BODY_BYTES) {
        await reader.cancel();
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  const text = new TextDecoder().decode(Buffer.concat(chunks));
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError('INVALID_REQUEST', 'The body is not valid JSON.');
  }
}

function tooLarge(): ApiError {
  return new ApiError('PAYLOAD_TOO_LARGE', `The body is larger than ${MAX_BODY_BYTES} bytes.`);
}

/** Parses with zod; the message names the first offending field. */
export function parseBody<Schema extends z.ZodType>(schema: Schema, body: unknown): z.output<Schema> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.length ? issue.path.join('.') : 'body';
  throw new ApiError('INVALID_REQUEST', `Invalid ${field}: ${issue?.message ?? 'not accepted'}.`);
}

/**
 * Wraps a POST handler: expected failures (ApiError) become their JSON answer; anything else is
 * a server fault, logged and answered with a generic 500 that leaks nothing.
 */
export function jsonRoute(handler: (request: Request) => Promise<Response>): (request: Request) => Promise<Response> {
  return async (request) => {
    try {
      return await handler(request);
    } catch (error) {
      if (error instanceof ApiError) return error.toResponse();
      console.error(`${request.method} ${new URL(request.url).pathname} failed:`, error);
      return Response.json({ error: { code: 'INTERNAL_ERROR', message: 'Something went wrong on our side.' } }, { status: 500 });
    }
  };
}
