import { describe, expect, it } from 'vitest';
import type { CeremonyLogEntry } from '@/lib/ceremony-log/entry';
import { siteById } from '@/lib/sites/config';
import { walkthroughProgress } from './progress';
import { WALKTHROUGH_STEPS } from './steps';

let clock = Date.parse('2026-11-22T09:00:00Z');

/** A log entry at the next minute; successful verify unless told otherwise. */
function entry(siteId: string, kind: CeremonyLogEntry['kind'], fields: Partial<CeremonyLogEntry> = {}): CeremonyLogEntry {
  clock += 60_000;
  return {
    id: `e${clock}`,
    at: new Date(clock).toISOString(),
    site: { id: siteId, name: siteId, origin: `https://${siteId}.test` },
    rpId: 'example.com',
    kind,
    step: 'verify',
    outcome: { ok: true },
    ...fields,
  };
}
const passkey = (id: string, authenticatorAttachment = 'platform') => ({ credential: { id, authenticatorAttachment } });
const refusedWith = (code: string) => ({ outcome: { ok: false as const, code, message: code } });
const done = (entries: CeremonyLogEntry[]) => walkthroughProgress(entries).filter((step) => step.done).map((step) => step.id);

describe('walkthroughProgress', () => {
  it('lists every step in order, none done for an empty log, each with its site', () => {
    expect(walkthroughProgress([])).toEqual(WALKTHROUGH_STEPS.map((step) => ({ id: step.id, done: false, ...(step.site ? { site: step.site } : {}) })));
  });

  it('names only sites that sites.config.ts has', () => {
    for (const step of WALKTHROUGH_STEPS) if (step.site) expect(siteById(step.site), `${step.id} happens on "${step.site}"`).toBeDefined();
  });

  it('counts an account created on example-rewards.com, not elsewhere, not a refusal, not a passkey added', () => {
    expect(done([entry('uk', 'registration', passkey('a'))])).toEqual([]);
    expect(done([entry('rewards', 'registration', { ...passkey('a'), ...refusedWith('ORIGIN_MISMATCH') })])).toEqual([]);
    expect(done([entry('rewards', 'registration', { ...passkey('a'), step: 'options' })])).toEqual([]);
    expect(done([entry('rewards', 'registration', { ...passkey('a'), ui: 'add-passkey' })])).toEqual(['manage']);
    const created = entry('rewards', 'registration', passkey('a'));
    expect(walkthroughProgress([created])[0]).toEqual({ id: 'create-account', done: true, doneAt: created.at, site: 'rewards' });
  });

  it('counts a sign-in on example.co.uk only with a passkey this browser created', () => {
    const created = entry('rewards', 'registration', passkey('mine'));
    expect(done([created, entry('uk', 'authentication', passkey('someone-elses'))])).toEqual(['create-account']);
    expect(done([created, entry('jp', 'authentication', passkey('mine'))])).toEqual(['create-account']);
    expect(done([created, entry('uk', 'authentication', passkey('mine'))])).toEqual(['create-account', 'sign-in-elsewhere']);
  });

  it('counts example.co.jp only after the sign-in on example.co.uk', () => {
    const created = entry('rewards', 'registration', passkey('mine'));
    const jpFirst = entry('jp', 'authentication', passkey('mine'));
    const uk = entry('uk', 'authentication', passkey('mine'));
    expect(done([created, jpFirst, uk])).not.toContain('session-per-site');
    const jpAfter = entry('jp', 'authentication', passkey('mine'));
    expect(walkthroughProgress([jpAfter, uk, jpFirst, created]).find((s) => s.id === 'session-per-site')).toMatchObject({ done: true, doneAt: jpAfter.at });
  });

  it("counts the outlet's SecurityError there, and a sign-in there once it is listed", () => {
    const securityError = (siteId: string, name: string) => entry(siteId, 'authentication', { step: 'browser', ...refusedWith(name), browserError: { name, message: '' } });
    expect(done([securityError('uk', 'SecurityError'), securityError('outlet', 'NotAllowedError')])).toEqual([]);
    expect(done([securityError('outlet', 'SecurityError')])).toEqual(['outlet-refused']);
    expect(done([entry('outlet', 'authentication', { ...passkey('x'), ...refusedWith('ORIGIN_MISMATCH') })])).toEqual([]);
    expect(done([entry('outlet', 'authentication', passkey('x'))])).toEqual(['outlet-listed']);
  });

  it('counts immediate mediation, a phone, and managing passkeys on any site', () => {
    expect(done([entry('jp', 'authentication', { ...passkey('x'), ui: 'immediate' })])).toEqual(['immediate']);
    expect(done([entry('jp', 'authentication', { ...passkey('x'), ui: 'button' })])).toEqual([]);
    expect(done([entry('shop', 'authentication', passkey('x', 'cross-platform'))])).toEqual(['cross-device']);
    expect(done([entry('shop', 'reauthentication', passkey('x'))])).toEqual(['manage']);
    expect(done([entry('shop', 'reauthentication', { ...passkey('x'), ...refusedWith('VERIFICATION_FAILED') })])).toEqual([]);
  });

  it('dates a step by the first ceremony that did it', () => {
    const first = entry('shop', 'authentication', { ...passkey('x'), ui: 'immediate' });
    const second = entry('uk', 'authentication', { ...passkey('x'), ui: 'immediate' });
    expect(walkthroughProgress([second, first]).find((s) => s.id === 'immediate')?.doneAt).toBe(first.at);
  });
});
