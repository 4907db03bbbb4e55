import { describe, expect, it } from 'vitest';
import type { HttpsOutcome } from './https-get';
import { MAX_WELL_KNOWN_BYTES, mimeType, readWellKnown } from './well-known';

const URL_ = 'https://example.com/.well-known/webauthn';

function answer(status: number, headers: Record<string, string>, body: string | Buffer = '', truncated = false): HttpsOutcome {
  return { kind: 'response', status, headers, body: Buffer.from(body), truncated };
}
const json = (body: string) => answer(200, { 'content-type': 'application/json' }, body);

describe('mimeType', () => {
  it.each([
    ['application/json', 'application/json'],
    ['application/json; charset=utf-8', 'application/json'],
    ['Application/JSON ;charset="utf-8"', 'application/json'],
    ['  application/json', 'application/json'],
    ['text/plain', 'text/plain'],
    ['application/json-seq', 'application/json-seq'],
    ['application/json, text/html', undefined],
    ['json', undefined],
    ['', undefined],
  ])('%j → %j', (header, expected) => {
    expect(mimeType(header)).toBe(expected);
  });
});

describe('readWellKnown', () => {
  it('reads the origins of a 200 application/json object', () => {
    expect(readWellKnown(URL_, json('{"origins":["https://a.com"]}'))).toEqual({ ok: true, origins: ['https://a.com'] });
  });

  it('accepts a UTF-8 byte order mark and parameters on the content type', () => {
    const outcome = answer(200, { 'content-type': 'application/json; charset=utf-8' }, '\uFEFF{"origins":[]}');
    expect(readWellKnown(URL_, outcome)).toEqual({ ok: true, origins: [] });
  });

  it('reports a redirect with its absolute target instead of following it', () => {
    expect(readWellKnown(URL_, answer(302, { location: 'https://www.example.com/.well-known/webauthn' }))).toEqual({
      ok: false,
      problem: { code: 'redirect', status: 302, location: 'https://www.example.com/.well-known/webauthn' },
    });
    expect(readWellKnown(URL_, answer(308, { location: '/elsewhere' }))).toMatchObject({ problem: { location: 'https://example.com/elsewhere' } });
  });

  it('refuses any status but 200', () => {
    expect(readWellKnown(URL_, answer(404, { 'content-type': 'application/json' }, '{"origins":[]}'))).toEqual({ ok: false, problem: { code: 'status', status: 404 } });
    expect(readWellKnown(URL_, answer(204, {}))).toEqual({ ok: false, problem: { code: 'status', status: 204 } });
  });

  it('refuses a body cut off at the limit, before looking at its type', () => {
    const outcome = answer(200, { 'content-type': 'text/html' }, Buffer.alloc(MAX_WELL_KNOWN_BYTES), true);
    expect(readWellKnown(URL_, outcome)).toEqual({ ok: false, problem: { code: 'too-large', limit: 262_144 } });
  });

  it('refuses any type but application/json, naming it', () => {
    expect(readWellKnown(URL_, answer(200, { 'content-type': 'text/plain; charset=utf-8' }, '{"origins":[]}'))).toEqual({
      ok: false,
      problem: { code: 'content-type', contentType: 'text/plain; charset=utf-8' },
    });
    expect(readWellKnown(URL_, answer(200, {}, '{"origins":[]}'))).toEqual({ ok: false, problem: { code: 'content-type', contentType: '' } });
  });

  it('parses strictly: no trailing comma, no comment, no malformed UTF-8', () => {
    for (const body of ['{"origins":["https://a.com",]}', '// list\n{"origins":[]}', Buffer.from([0x7b, 0xff, 0x7d])]) {
      expect(readWellKnown(URL_, answer(200, { 'content-type': 'application/json' }, body))).toMatchObject({ ok: false, problem: { code: 'invalid-json' } });
    }
  });

  it('needs an object at the top with an origins array', () => {
    expect(readWellKnown(URL_, json('["https://a.com"]'))).toEqual({ ok: false, problem: { code: 'not-an-object' } });
    expect(readWellKnown(URL_, json('null'))).toEqual({ ok: false, problem: { code: 'not-an-object' } });
    expect(readWellKnown(URL_, json('{"origin":["https://a.com"]}'))).toEqual({ ok: false, problem: { code: 'no-origins' } });
    expect(readWellKnown(URL_, json('{"origins":"https://a.com"}'))).toEqual({ ok: false, problem: { code: 'no-origins' } });
  });

  it('passes a transport failure through', () => {
    const outcome: HttpsOutcome = { kind: 'failure', failure: { stage: 'timeout', timeoutMs: 10_000 } };
    expect(readWellKnown(URL_, outcome)).toEqual({ ok: false, problem: { code: 'unreachable', failure: { stage: 'timeout', timeoutMs: 10_000 } } });
  });
});
