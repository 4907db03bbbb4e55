import 'server-only';
import type { NextRequest } from 'next/server';
import type { z } from 'zod';
import { databaseUnavailable, OUTAGE_RETRY_AFTER_SECONDS } from '@/lib/db/database-unavailable';
import { ApiError } from './errors';
import { MAX_BODY_BYTES } from './limits';

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
 * A POST handler taking a JSON body of `schema`'s shape. The body is read and parsed before the
 * handler runs; expected failures (ApiError) become their JSON answer; a database that cannot
 * serve anyone (stopped, restarting, unreachable, hung) is a 503 worth retrying; anything else is
 * a server fault, logged and answered with a generic 500 that leaks nothing.
 */
export function jsonRoute<Schema extends z.ZodType>(
  schema: Schema,
  handler: (request: NextRequest, body: z.output<Schema>) => Promise<Response>,
): (request: NextRequest) => Promise<Response> {
  return async (request) => {
    try {
      return await handler(request, parseBody(schema, await readJsonBody(request)));
    } catch (error) {
      if (error instanceof ApiError) return error.toResponse();
      const route = `${request.method} ${new URL(request.url).pathname}`;
      const outage = databaseUnavailable(error);
      if (outage) {
        // One line, not a stack: under load an outage answers every request this way.
        console.error(`${route}: database unavailable (${outage})`);
        return new ApiError('SERVICE_UNAVAILABLE', undefined, OUTAGE_RETRY_AFTER_SECONDS).toResponse();
      }
      console.error(`${route} failed:`, error);
      return Response.json({ error: { code: 'INTERNAL_ERROR', message: 'Something went wrong on our side.' } }, { status: 500 });
    }
  };
}
