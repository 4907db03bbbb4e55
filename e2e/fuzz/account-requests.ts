import fc from 'fast-check';
import { hostileJson, hostileString } from './hostile';
import type { RawRequest } from './send';

/** A rename of a passkey sent with the session of the suite's account that owns it. */
export interface RenameRequestCase {
  /** The account's own site, or another site of the family where its cookie must not count. */
  host: string;
  /** Name the account's own passkey, or a made-up (or hostile) id. */
  ownPasskey: boolean;
  passkeyId: unknown;
  name: unknown;
}

export function renameRequestCase(hosts: string[], ownSite: string): fc.Arbitrary<RenameRequestCase> {
  const name = fc.oneof(
    { weight: 3, arbitrary: hostileString },
    { weight: 2, arbitrary: fc.constantFrom('Work laptop', ' ２ ', 'a'.repeat(64), 'a'.repeat(65), '', '   ', 'ｆｕｌｌ\u200b', 'x\u202ey') },
    { weight: 1, arbitrary: hostileJson },
  );
  return fc.record({
    host: fc.oneof({ weight: 4, arbitrary: fc.constant(ownSite) }, { weight: 1, arbitrary: fc.constantFrom(...hosts) }),
    ownPasskey: fc.boolean(),
    passkeyId: fc.oneof(hostileString, hostileJson, fc.base64String({ minLength: 4, maxLength: 64 }).map((b) => b.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_'))),
    name,
  });
}

export function renameRawRequest(c: RenameRequestCase, context: { sessionCookie: string; ownPasskeyId: string }): RawRequest {
  const body = { passkeyId: c.ownPasskey ? context.ownPasskeyId : c.passkeyId, name: c.name };
  return {
    method: 'POST',
    path: '/api/account/passkeys/rename',
    host: c.host,
    headers: { 'content-type': 'application/json', cookie: context.sessionCookie },
    body: Buffer.from(JSON.stringify(body) ?? 'null', 'utf8'),
  };
}
