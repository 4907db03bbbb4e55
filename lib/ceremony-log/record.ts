import 'server-only';
import { allHostnames } from '@/lib/sites/config';
import type { RelyingParty } from '@/lib/webauthn/relying-party';
import { ceremonyChecks, type VerifyOutcome } from './checks';
import { decodeCeremonyResponse, isRecord } from './decode';
import type { CeremonyKind, CeremonyLogEntry, CeremonyUi } from './entry';
import { writeLogRow, type LogRow } from './store';

/** An options or verify call as the log needs it. */
export interface CeremonyCall {
  rp: Pick<RelyingParty, 'site' | 'rpId' | 'origin'>;
  bindingHash: string;
  kind: CeremonyKind;
  step: 'options' | 'verify';
  /** How the page started it (options only; a verify row takes its options row's). */
  ui?: CeremonyUi;
  outcome: VerifyOutcome & ({ ok: true } | { ok: false; message: string });
  /** options: the JSON sent to the browser. */
  options?: unknown;
  /** verify: the body as posted (hostile or not). */
  body?: unknown;
}

/** The row for a call: what was sent, or what was received decoded with the server's checks. */
export function ceremonyLogRow(call: CeremonyCall): LogRow {
  const { rp, kind, step, outcome } = call;
  const base = {
    site: { id: rp.site.id, name: rp.site.name, origin: rp.origin },
    rpId: rp.rpId,
    kind,
    step,
    outcome: outcome.ok ? ({ ok: true } as const) : { ok: false as const, code: outcome.code, message: outcome.message },
  };
  let entry: LogRow['entry'];
  let challenge: string | undefined;
  if (step === 'options') {
    entry = { ...base, ...(call.options === undefined ? {} : { options: call.options }) };
    challenge = isRecord(call.options) && typeof call.options.challenge === 'string' ? call.options.challenge : undefined;
  } else {
    const response = isRecord(call.body) ? call.body.response : undefined;
    const decoded = decodeCeremonyResponse(kind, response, { rpId: rp.rpId, hostnames: allHostnames() });
    entry = { ...base, ...decoded, checks: ceremonyChecks(kind, decoded, outcome, { origin: rp.origin, rpId: rp.rpId }) };
    challenge = decoded.clientData?.challenge;
  }
  return {
    bindingHash: call.bindingHash,
    siteId: rp.site.id,
    kind,
    step,
    outcome: outcome.ok ? 'ok' : outcome.code,
    ui: step === 'options' ? call.ui : undefined,
    challenge,
    entry,
  };
}

/**
 * Records a ceremony call in this browser's log. Never throws: the log is an aid, and a ceremony
 * must not fail, or wait, because of it (the routes run this after the response is sent). A
 * failure is one line in the server log.
 */
export async function recordCeremony(call: CeremonyCall): Promise<CeremonyLogEntry | undefined> {
  try {
    return await writeLogRow(ceremonyLogRow(call));
  } catch (error) {
    console.error(`ceremony log: ${call.kind} ${call.step} on ${call.rp.site.id} not recorded (${error instanceof Error ? error.message : String(error)})`);
    return undefined;
  }
}
