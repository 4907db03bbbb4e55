import fc from 'fast-check';
import { hostileJson, hostileString, rawJsonText } from './hostile';
import type { RawRequest } from './send';

export type ActionBody =
  | { kind: 'reply'; text: string }
  | { kind: 'rename-form'; passkeyId: string; name: string; zero: string }
  | { kind: 'broken-multipart'; text: string }
  | { kind: 'no-js-form'; passkeyId: string; name: string };

/**
 * A POST to a page carrying a server-action call, the way React encodes one or not. The app has
 * no server actions, so every id is made up: the ids of actions an older build had look the same.
 */
export interface ActionRequestCase {
  page: string;
  host: string;
  /** The Next-Action header's value, or no header. */
  action: string | null;
  body: ActionBody;
  contentType: 'reply' | 'multipart' | 'form' | 'json' | 'none';
  origin: string | null;
  /** Send the session of one of the suite's accounts, and name its passkey in the form. */
  withSession: boolean;
}

const BOUNDARY = 'fuzzboundary';

export function actionRequestCase(hosts: string[], origins: string[]): fc.Arbitrary<ActionRequestCase> {
  const text = fc.oneof(hostileString, fc.constantFrom('new name', 'Work laptop', ' ', 'a'.repeat(64), 'a'.repeat(65)));
  return fc.record({
    page: fc.constantFrom('/', '/account', '/signin', '/signup', '/ja/account', '/en/account', '/missing-page', '/account?x=%00', '/api/auth/session'),
    host: fc.constantFrom(...hosts),
    action: fc.oneof(
      { weight: 4, arbitrary: fc.stringMatching(/^[0-9a-f]{40,42}$/) },
      { weight: 2, arbitrary: fc.constantFrom('', '0', 'null', '$ACTION_ID', 'x'.repeat(4096), '../../etc', '7f\u00ff\u00e9') },
      { weight: 1, arbitrary: fc.constant(null) },
    ),
    body: fc.oneof(
      fc.oneof(fc.constantFrom('[]', '["$K1"]', '["$@1"]', '["$Q1"]', '["$T"]', '["$B1"]', '"$h"', '["$F1"]', '[{"$$typeof":1}]'), rawJsonText, hostileJson.map((v) => JSON.stringify(v) ?? '')).map((t) => ({ kind: 'reply' as const, text: t })),
      fc.record({ kind: fc.constant('rename-form' as const), passkeyId: text, name: text, zero: fc.constantFrom('["$K1"]', '["$K2"]', '[]', '"$K1"', '["$K1","$K1"]', '{') }),
      fc.oneof(
        fc.constantFrom(`--${BOUNDARY}\r\n`, `--${BOUNDARY}\r\nContent-Disposition: form-data; name="0"\r\n\r\n["$K1"]`, `--other\r\n\r\n--other--`, `--${BOUNDARY}--`, ''),
        hostileString,
      ).map((t) => ({ kind: 'broken-multipart' as const, text: t })),
      fc.record({ kind: fc.constant('no-js-form' as const), passkeyId: text, name: text }),
    ),
    contentType: fc.constantFrom('reply', 'multipart', 'form', 'json', 'none'),
    origin: fc.oneof({ weight: 4, arbitrary: fc.constant(null) }, { weight: 2, arbitrary: fc.constantFrom(...origins) }, { weight: 1, arbitrary: fc.constantFrom('https://evil.test', 'null', 'https://example.com.evil.test') }),
    withSession: fc.boolean(),
  });
}

function multipart(fields: [string, string][]): string {
  return fields.map(([name, value]) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`).join('') + `--${BOUNDARY}--\r\n`;
}

const CONTENT_TYPES = {
  reply: 'text/plain;charset=UTF-8',
  multipart: `multipart/form-data; boundary=${BOUNDARY}`,
  form: 'application/x-www-form-urlencoded',
  json: 'application/json',
} as const;

export function actionRawRequest(c: ActionRequestCase, context: { sessionCookie: string; ownPasskeyId: string }): RawRequest {
  const actionId = c.action;
  const passkeyId = (id: string) => (c.withSession ? context.ownPasskeyId : id);
  let text: string;
  switch (c.body.kind) {
    case 'reply':
    case 'broken-multipart':
      text = c.body.text;
      break;
    case 'rename-form':
      text = multipart([['0', c.body.zero], ['1_passkeyId', passkeyId(c.body.passkeyId)], ['1_name', c.body.name]]);
      break;
    case 'no-js-form':
      // A form posted without JavaScript names its action in a field, not a header.
      text = multipart([[`$ACTION_ID_${actionId ?? ''}`, ''], ['passkeyId', passkeyId(c.body.passkeyId)], ['name', c.body.name]]);
      break;
  }
  return {
    method: 'POST',
    path: c.page,
    host: c.host,
    headers: {
      ...(actionId !== null && c.body.kind !== 'no-js-form' ? { 'next-action': actionId } : {}),
      ...(c.contentType === 'none' ? {} : { 'content-type': CONTENT_TYPES[c.contentType] }),
      ...(c.origin === null ? {} : { origin: c.origin }),
      ...(c.withSession ? { cookie: context.sessionCookie } : {}),
    },
    body: Buffer.from(text, 'utf8'),
  };
}
