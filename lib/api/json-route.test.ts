import { NextRequest } from 'next/server';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { OUTAGE_RETRY_AFTER_SECONDS } from '@/lib/db/database-unavailable';
import { ApiError } from './errors';
import { jsonRoute, parseBody, readJsonBody } from './json-route';
import { MAX_BODY_BYTES } from './limits';

function post(body: BodyInit, headers: Record<string, string> = { 'content-type': 'application/json' }): Request {
  return new Request('https://example.com/api/x', { method: 'POST', body, headers });
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(error)}`);
  return error.code;
}

describe('readJsonBody', () => {
  it('parses JSON', async () => {
    await expect(readJsonBody(post('{"a":1}'))).resolves.toEqual({ a: 1 });
  });

  it('accepts a charset parameter', async () => {
    await expect(readJsonBody(post('{"a":1}', { 'content-type': 'application/json; charset=utf-8' }))).resolves.toEqual({ a: 1 });
  });

  it.each(['text/plain', 'application/json-patch+json', 'application/jsonx'])('refuses %s', async (type) => {
    expect(await codeOf(readJsonBody(post('{}', { 'content-type': type })))).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('refuses invalid JSON', async () => {
    expect(await codeOf(readJsonBody(post('{nope')))).toBe('INVALID_REQUEST');
  });

  it('refuses a body over the cap even without a Content-Length', async () => {
    const big = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new Uint8Array(MAX_BODY_BYTES));
        controller.enqueue(new Uint8Array(1));
        controller.close();
      },
    });
    const request = new Request('https://example.com/api/x', { method: 'POST', body: big, headers: { 'content-type': 'application/json' }, duplex: 'half' } as RequestInit);
    expect(await codeOf(readJsonBody(request))).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('parseBody', () => {
  it('names the offending field', () => {
    const schema = z.strictObject({ response: z.object({ id: z.string() }) });
    expect(() => parseBody(schema, { response: { id: 3 } })).toThrow(/^Invalid response\.id: /);
  });
});

describe('jsonRoute', () => {
  const nextPost = (body: string, headers?: Record<string, string>) => new NextRequest(post(body, headers));

  it('hands the handler the parsed body', async () => {
    const route = jsonRoute(z.strictObject({ name: z.string() }), (_request, body) => Promise.resolve(Response.json({ hello: body.name })));
    expect(await (await route(nextPost('{"name":"atlas"}'))).json()).toEqual({ hello: 'atlas' });
  });

  it('refuses a body of another shape without calling the handler, naming the field', async () => {
    const handler = vi.fn(() => Promise.resolve(Response.json({})));
    const route = jsonRoute(z.strictObject({ name: z.string() }), handler);
    const response = await route(nextPost('{"name":3}'));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'INVALID_REQUEST', message: expect.stringContaining('name') } });
    const asText = await route(nextPost('{"name":"atlas"}', { 'content-type': 'text/plain' }));
    expect(asText.status).toBe(415);
    expect(handler).not.toHaveBeenCalled();
  });

  it('answers an ApiError with its status and code', async () => {
    const route = jsonRoute(z.object({}), () => Promise.reject(new ApiError('USERNAME_TAKEN')));
    const response = await route(nextPost('{}'));
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({ error: { code: 'USERNAME_TAKEN', message: 'That username is already taken.' } });
  });

  it('answers a database that cannot serve anyone with a 503 to retry, without the driver\'s text', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const refused = Object.assign(new Error('connect ECONNREFUSED 10.1.2.3:5432'), { code: 'ECONNREFUSED' });
    const route = jsonRoute(z.object({}), () => Promise.reject(refused));
    const response = await route(nextPost('{}'));
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe(String(OUTAGE_RETRY_AFTER_SECONDS));
    const body = await response.json();
    expect(body).toMatchObject({ error: { code: 'SERVICE_UNAVAILABLE', message: expect.any(String) } });
    expect(JSON.stringify(body)).not.toMatch(/ECONNREFUSED|10\.1\.2\.3/);
    expect(log).toHaveBeenCalledExactlyOnceWith('POST /api/x: database unavailable (not reachable)');
    log.mockRestore();
  });

  it('answers anything else with a 500 that leaks nothing', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const route = jsonRoute(z.object({}), () => Promise.reject(new Error('secret database detail')));
    const response = await route(nextPost('{}'));
    expect(response.status).toBe(500);
    expect(JSON.stringify(await response.json())).not.toContain('secret');
    expect(log).toHaveBeenCalledOnce();
    log.mockRestore();
  });
});
