import 'server-only';
import { z } from 'zod';
import { relatedOrigins } from '@/lib/sites/config';
import { distinctLabels, MAX_RELATED_ORIGIN_LABELS } from '@/lib/sites/labels';
import type { RelyingParty } from '@/lib/webauthn/relying-party';
import { CEREMONY_KINDS, CEREMONY_UIS, type CeremonyLogEntry } from './entry';
import { writeLogRow } from './store';

/** A browser-side error: the DOMException's name and message as the page caught them. */
export const reportBody = z.strictObject({
  kind: z.enum(CEREMONY_KINDS),
  name: z.string().min(1).max(64).regex(/^[A-Za-z]+$/, 'must be a DOMException name (letters only)'),
  message: z.string().max(500),
  ui: z.enum(CEREMONY_UIS).optional(),
});

type RelatedOrigins = NonNullable<NonNullable<CeremonyLogEntry['browserError']>['relatedOrigins']>;

/**
 * What the browser consulted before refusing: the RP ID's well-known file as this deployment
 * serves it (app/webauthn-well-known), how many labels its origins use, and whether the origin
 * that asked is listed. The browser's own message says only "no listed origin matched".
 */
export function relatedOriginsFor(rp: Pick<RelyingParty, 'rpId' | 'origin'>): RelatedOrigins {
  const origins = relatedOrigins();
  return {
    wellKnown: `https://${rp.rpId}/.well-known/webauthn`,
    origins,
    labels: distinctLabels(origins.map((origin) => new URL(origin).hostname)).length,
    maxLabels: MAX_RELATED_ORIGIN_LABELS,
    thisOriginListed: origins.includes(rp.origin),
  };
}

/**
 * Logs an error the browser raised before anything reached the server (SecurityError,
 * NotAllowedError, InvalidStateError, …), as the page reports it, and returns the entry. A
 * SecurityError also gets the related-origins facts that explain it.
 */
export async function reportBrowserError({
  rp,
  bindingHash,
  body,
}: {
  rp: Pick<RelyingParty, 'site' | 'rpId' | 'origin'>;
  bindingHash: string;
  body: z.output<typeof reportBody>;
}): Promise<CeremonyLogEntry> {
  const browserError = {
    name: body.name,
    message: body.message,
    ...(body.name === 'SecurityError' ? { relatedOrigins: relatedOriginsFor(rp) } : {}),
  };
  return writeLogRow({
    bindingHash,
    siteId: rp.site.id,
    kind: body.kind,
    step: 'browser',
    outcome: body.name,
    ui: body.ui,
    challenge: undefined,
    entry: {
      site: { id: rp.site.id, name: rp.site.name, origin: rp.origin },
      rpId: rp.rpId,
      kind: body.kind,
      step: 'browser',
      outcome: { ok: false, code: body.name, message: body.message },
      browserError,
    },
  });
}
