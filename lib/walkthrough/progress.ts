import type { CeremonyLogEntry } from '@/lib/ceremony-log/entry';
import { WALKTHROUGH_STEPS, type WalkthroughStepId, type WalkthroughStepProgress } from './steps';

/** A ceremony that completed: a verify call the server accepted. */
function succeeded(entry: CeremonyLogEntry, kind: CeremonyLogEntry['kind']): boolean {
  return entry.step === 'verify' && entry.kind === kind && entry.outcome.ok;
}

const onSite = (entry: CeremonyLogEntry, siteId: string | undefined) => siteId === undefined || entry.site.id === siteId;

/**
 * Which walkthrough steps this browser's log shows done, in the steps' order, each with the time
 * of the first ceremony that did it. Only real ceremonies count: successful verify calls the
 * server checked, and (for the outlet's refusal) the browser's own SecurityError there.
 * `entries` is the trail's log in any order.
 */
export function walkthroughProgress(entries: readonly CeremonyLogEntry[]): WalkthroughStepProgress[] {
  const log = [...entries].sort((a, b) => a.at.localeCompare(b.at));
  const site = (id: WalkthroughStepId) => WALKTHROUGH_STEPS.find((step) => step.id === id)?.site;

  // Passkeys this trail made: signing in elsewhere must use one of them (the same passkey).
  const created = new Set(log.flatMap((e) => (succeeded(e, 'registration') && e.credential ? [e.credential.id] : [])));

  const first = (id: WalkthroughStepId, rule: (entry: CeremonyLogEntry) => boolean, after?: string) =>
    log.find((entry) => onSite(entry, site(id)) && (after === undefined || entry.at >= after) && rule(entry))?.at;

  const done: Partial<Record<WalkthroughStepId, string>> = {};
  done['create-account'] = first('create-account', (e) => succeeded(e, 'registration') && e.ui !== 'add-passkey');
  done['sign-in-elsewhere'] = first('sign-in-elsewhere', (e) => succeeded(e, 'authentication') && e.credential !== undefined && created.has(e.credential.id));
  const signedInElsewhere = done['sign-in-elsewhere'];
  done['session-per-site'] = signedInElsewhere && first('session-per-site', (e) => succeeded(e, 'authentication'), signedInElsewhere);
  done['outlet-refused'] = first('outlet-refused', (e) => e.step === 'browser' && !e.outcome.ok && e.outcome.code === 'SecurityError');
  done['outlet-listed'] = first('outlet-listed', (e) => succeeded(e, 'authentication'));
  done.immediate = first('immediate', (e) => succeeded(e, 'authentication') && e.ui === 'immediate');
  done['cross-device'] = first('cross-device', (e) => succeeded(e, 'authentication') && e.credential?.authenticatorAttachment === 'cross-platform');
  done.manage = first('manage', (e) => (succeeded(e, 'registration') && e.ui === 'add-passkey') || succeeded(e, 'reauthentication'));

  return WALKTHROUGH_STEPS.map((step) => {
    const at = done[step.id];
    return { id: step.id, done: at !== undefined, ...(at ? { doneAt: at } : {}), ...(step.site ? { site: step.site } : {}) };
  });
}
