import { describe, expect, it } from 'vitest';
import { en } from '@/lib/i18n/en';
import { ja } from '@/lib/i18n/ja';
import type { CeremonyEvent, CeremonyPhase } from '@/lib/webauthn/client/ceremony-events';
import { DIAGRAM_WIDTH, LABEL_FONT_SIZE, LABEL_X } from './sequence-diagram';
import { estimatedWidth, partyName, stepLabel } from './sequence-labels';
import { diagramState, PARTIES, STEP_IDS, type StepStatus } from './sequence-model';

function events(phases: (CeremonyPhase | [CeremonyPhase, string])[], { run = 'r1', startedAt = 1_000, kind = 'authentication', relatedOrigin = true }: Partial<Pick<CeremonyEvent, 'run' | 'startedAt' | 'kind'>> & { relatedOrigin?: boolean } = {}): CeremonyEvent[] {
  return phases.map((entry) => {
    const [phase, error] = typeof entry === 'string' ? [entry, undefined] : entry;
    // The options name the RP ID: from then on the events know whether this origin is related.
    const known = phase !== 'options-requested';
    return { run, startedAt, kind, ui: 'button', phase, relatedOrigin: known ? relatedOrigin : null, ...(known && { rpId: 'example.com' }), ...(error && { error }) };
  });
}

function statuses(list: CeremonyEvent[], sequence: 'registration' | 'authentication' = 'authentication', related: boolean | null = true): StepStatus[] {
  return STEP_IDS.map((id) => diagramState(list, sequence, related).statuses[id]);
}

describe('the sequence diagram after the page\'s ceremony events', () => {
  it('is all waiting before any ceremony, with the well-known fetch greyed out where the site is under the RP ID', () => {
    expect(statuses([])).toEqual(Array(9).fill('idle'));
    expect(diagramState([], 'authentication', false).statuses['well-known']).toBe('skipped');
    expect(diagramState([], 'authentication', true).current).toBeNull();
  });

  it('lights each step of a sign-in on a related origin as it happens', () => {
    expect(statuses(events(['options-requested']))).toEqual(['active', 'idle', 'idle', 'idle', 'idle', 'idle', 'idle', 'idle', 'idle']);
    expect(statuses(events(['options-requested', 'options-received']))).toEqual(['done', 'done', 'idle', 'idle', 'idle', 'idle', 'idle', 'idle', 'idle']);
    // Once the browser is asked, the page cannot see how far it got: the inner steps are "inside the browser".
    expect(statuses(events(['options-requested', 'options-received', 'browser-called']))).toEqual(['done', 'done', 'done', 'inside-browser', 'inside-browser', 'inside-browser', 'idle', 'idle', 'idle']);
    expect(statuses(events(['options-requested', 'options-received', 'browser-called', 'browser-answered', 'verify-sent']))).toEqual(['done', 'done', 'done', 'done', 'done', 'done', 'done', 'active', 'idle']);
    const complete = events(['options-requested', 'options-received', 'browser-called', 'browser-answered', 'verify-sent', 'verify-accepted']);
    expect(statuses(complete)).toEqual(Array(9).fill('done'));
    expect(diagramState(complete, 'authentication', true).current).toBe('verify-answer');
  });

  it('skips the well-known fetch once the options show this origin is under the RP ID, whatever the page assumed', () => {
    const list = events(['options-requested', 'options-received', 'browser-called', 'browser-answered'], { relatedOrigin: false });
    expect(diagramState(list, 'authentication', true).statuses['well-known']).toBe('skipped');
    expect(diagramState(list, 'authentication', true).statuses['authenticator-ask']).toBe('done');
  });

  it('marks the well-known check failed for a SecurityError on a related origin, and the rest not reached', () => {
    const state = diagramState(events(['options-requested', 'options-received', 'browser-called', ['browser-refused', 'SecurityError']]), 'authentication', true);
    expect(state.statuses).toMatchObject({
      'browser-call': 'done',
      'well-known': 'failed',
      'authenticator-ask': 'not-reached',
      'authenticator-answer': 'not-reached',
      'browser-answer': 'failed',
      'verify-request': 'not-reached',
      'verify-answer': 'not-reached',
    });
    expect(state.current).toBe('well-known');
    expect(state.error).toBe('SecurityError');
  });

  it('puts a SecurityError under the RP ID on the call itself (the RP ID is not valid here), and other refusals on the authenticator', () => {
    const security = diagramState(events(['options-requested', 'options-received', 'browser-called', ['browser-refused', 'SecurityError']], { relatedOrigin: false }), 'authentication', false);
    expect(security.statuses['browser-call']).toBe('failed');
    expect(security.statuses['well-known']).toBe('skipped');
    const cancelled = diagramState(events(['options-requested', 'options-received', 'browser-called', ['browser-refused', 'NotAllowedError']]), 'authentication', true);
    expect(cancelled.statuses).toMatchObject({ 'well-known': 'done', 'authenticator-ask': 'failed', 'authenticator-answer': 'not-reached', 'browser-answer': 'failed' });
  });

  it('shows a server refusal on the answer it came with', () => {
    expect(diagramState(events(['options-requested', ['options-refused', 'RATE_LIMITED']]), 'authentication', true).statuses).toMatchObject({ 'options-answer': 'failed', 'browser-call': 'not-reached', 'verify-answer': 'not-reached' });
    const verify = diagramState(events(['options-requested', 'options-received', 'browser-called', 'browser-answered', 'verify-sent', ['verify-refused', 'ORIGIN_MISMATCH']]), 'authentication', true);
    expect(verify.statuses).toMatchObject({ 'verify-request': 'done', 'verify-answer': 'failed' });
    expect(verify.error).toBe('ORIGIN_MISMATCH');
  });

  it('follows only the newest run: an aborted autofill\'s late AbortError does not undo the button\'s ceremony', () => {
    const autofill = events(['options-requested', 'options-received', 'browser-called'], { run: 'autofill', startedAt: 1_000 });
    const button = events(['options-requested', 'options-received', 'browser-called', 'browser-answered'], { run: 'button', startedAt: 2_000 });
    const late = events([['browser-refused', 'AbortError']], { run: 'autofill', startedAt: 1_000 });
    expect(statuses([...autofill, ...button, ...late])).toEqual(['done', 'done', 'done', 'done', 'done', 'done', 'done', 'idle', 'idle']);
  });

  it('draws a registration only on the registration sequence, and a reauthentication on the sign-in one', () => {
    const registration = events(['options-requested'], { kind: 'registration' });
    expect(diagramState(registration, 'registration', true).statuses['options-request']).toBe('active');
    expect(diagramState(registration, 'authentication', true).statuses['options-request']).toBe('idle');
    expect(diagramState(events(['options-requested'], { kind: 'reauthentication' }), 'authentication', true).statuses['options-request']).toBe('active');
  });
});

describe('the diagram\'s words', () => {
  // SVG text does not wrap: each label must fit between its start and the right edge, in both languages.
  for (const [language, t] of [['en', en.sequence], ['ja', ja.sequence]] as const) {
    it(`fit the ${DIAGRAM_WIDTH}-unit width in ${language}`, () => {
      for (const sequence of ['registration', 'authentication'] as const) {
        for (const step of STEP_IDS) {
          const label = stepLabel(t, sequence, step, 'example.com');
          expect(estimatedWidth(label, LABEL_FONT_SIZE), label).toBeLessThanOrEqual(DIAGRAM_WIDTH - LABEL_X - 4);
        }
      }
      expect(estimatedWidth(t.wellKnownNote, 10)).toBeLessThanOrEqual(DIAGRAM_WIDTH - LABEL_X - 4);
      for (const party of PARTIES) expect(estimatedWidth(partyName(t, party), 10.5), party).toBeLessThanOrEqual(86 - 4);
    });
  }

  it('estimates a Japanese character wider than a Latin one', () => {
    expect(estimatedWidth('認証器', 10)).toBeGreaterThan(estimatedWidth('abc', 10));
  });
});
