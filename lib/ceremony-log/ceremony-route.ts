import 'server-only';
import { after, NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { ApiError } from '@/lib/api/errors';
import { jsonRoute, parseBody } from '@/lib/api/json-route';
import { databaseUnavailable } from '@/lib/db/database-unavailable';
import { siteConfig } from '@/lib/sites/config';
import { resolveSite } from '@/lib/sites/resolve-site';
import { existingBinding, setBindingCookie, type BrowserBinding } from '@/lib/webauthn/browser-binding';
import type { RelyingParty } from '@/lib/webauthn/relying-party';
import { isRecord } from './decode';
import { isCeremonyUi, type CeremonyKind, type CeremonyUi } from './entry';
import { recordCeremony, type CeremonyCall } from './record';

/** What an options route tells the log: the options it is about to send, and to which binding. */
export interface CeremonyLogNote {
  sent(options: object, binding: BrowserBinding): void;
}

/**
 * How the page says it started the ceremony (an optional `ui` in the options body). A
 * registration without a username adds a passkey to the signed-in account, which the server
 * knows for certain, so that one is 'add-passkey' whatever the page says, and no sign-up is.
 */
export function requestedUi(kind: CeremonyKind, body: unknown): CeremonyUi | undefined {
  if (!isRecord(body)) return undefined;
  const ui = isCeremonyUi(body.ui) ? body.ui : undefined;
  if (kind !== 'registration') return ui;
  if (body.username === undefined) return 'add-passkey';
  return ui === 'add-passkey' ? undefined : ui;
}

/** The relying party as the log names it, or undefined for a host that is no site (nothing to log). */
function loggedRelyingParty(request: NextRequest): CeremonyCall['rp'] | undefined {
  const resolved = resolveSite(request.headers.get('host'));
  return resolved && ({ site: resolved.site, rpId: siteConfig.rpId, origin: `https://${resolved.hostname}` } satisfies Pick<RelyingParty, 'site' | 'rpId' | 'origin'>);
}

function refusal(error: unknown, stage: 'body' | 'ceremony'): Extract<CeremonyCall['outcome'], { ok: false }> | undefined {
  if (error instanceof ApiError) return { ok: false, code: error.code, message: error.message, reason: error.reason, stage };
  // The log lives in the same database: nothing to record into, and nothing worth saying.
  if (databaseUnavailable(error)) return undefined;
  return { ok: false, code: 'INTERNAL_ERROR', message: 'Something went wrong on our side.', stage };
}

/**
 * jsonRoute for a ceremony's options or verify call that also records the call in the browser's
 * ceremony log: success or refusal, a body refused for its shape included, whenever the browser
 * has a binding (or the options call gives it one). The write is scheduled with `after()`, so it
 * runs once the response is sent: the ceremony neither waits for the log nor fails with it.
 */
export function loggedCeremonyRoute<Schema extends z.ZodType>(
  ceremony: { kind: CeremonyKind; step: 'options' | 'verify' },
  schema: Schema,
  handler: (request: NextRequest, body: z.output<Schema>, log: CeremonyLogNote) => Promise<Response>,
): (request: NextRequest) => Promise<Response> {
  return jsonRoute(z.unknown(), async (request, raw) => {
    let bindingHash = existingBinding(request);
    let options: unknown;
    const note: CeremonyLogNote = {
      sent(sentOptions, binding) {
        options = sentOptions;
        bindingHash = binding.hash;
      },
    };
    const record = (outcome: CeremonyCall['outcome'] | undefined) => {
      const rp = loggedRelyingParty(request);
      if (!rp || !bindingHash || !outcome) return;
      const call: CeremonyCall = {
        rp,
        bindingHash,
        ...ceremony,
        outcome,
        ...(ceremony.step === 'options' ? { ui: requestedUi(ceremony.kind, raw), options } : { body: raw }),
      };
      after(() => recordCeremony(call));
    };

    let stage: 'body' | 'ceremony' = 'body';
    try {
      const body = parseBody(schema, raw);
      stage = 'ceremony';
      const response = await handler(request, body, note);
      record({ ok: true });
      return response;
    } catch (error) {
      record(refusal(error, stage));
      throw error;
    }
  });
}

/** A JSON answer that is never cached, with the binding cookie when this request created it. */
export function trailResponse(body: object, { status = 200, binding }: { status?: number; binding?: BrowserBinding } = {}): Response {
  const response = NextResponse.json(body, { status, headers: { 'cache-control': 'no-store' } });
  if (binding) setBindingCookie(response, binding);
  return response;
}
