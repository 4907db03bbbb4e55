import { describe, expect, it } from 'vitest';
import type { CeremonyLogEntry } from '@/lib/ceremony-log/entry';
import { en } from '@/lib/i18n/en';
import { ja } from '@/lib/i18n/ja';
import {
  attachmentWords,
  attestationFormatWords,
  checkRows,
  counterWords,
  entryTitle,
  explainOutcome,
  flagRows,
  outcomeBadge,
  rpIdHashWords,
  uiWords,
} from './describe-entry';

const t = en.inspector;

function entry(overrides: Partial<CeremonyLogEntry>): CeremonyLogEntry {
  return {
    id: 'e1',
    at: '2026-11-22T08:00:00.000Z',
    site: { id: 'uk', name: 'Example UK', origin: 'https://example.co.uk' },
    rpId: 'example.com',
    kind: 'authentication',
    step: 'verify',
    outcome: { ok: true },
    ...overrides,
  };
}

const outletRefusal = entry({
  site: { id: 'outlet', name: 'Example Outlet', origin: 'https://example-outlet.com' },
  step: 'browser',
  ui: 'button',
  outcome: { ok: false, code: 'SecurityError', message: 'The relying party ID is not a registrable domain suffix of, nor equal to the current domain.' },
  browserError: {
    name: 'SecurityError',
    message: 'The relying party ID is not a registrable domain suffix of, nor equal to the current domain. Subsequently, fetching the .well-known/webauthn resource of the claimed RP ID was successful, but no listed origin matched the caller.',
    relatedOrigins: {
      wellKnown: 'https://example.com/.well-known/webauthn',
      origins: ['https://example.com', 'https://www.example.com', 'https://example.co.uk', 'https://example.co.jp', 'https://example-rewards.com'],
      labels: 2,
      maxLabels: 5,
      thisOriginListed: false,
    },
  },
});

describe('an entry\'s summary', () => {
  it('names the ceremony, the step, how it started and how it ended', () => {
    expect(entryTitle(entry({}), t)).toBe('Sign-in · verify');
    expect(entryTitle(entry({ kind: 'registration', step: 'options' }), t)).toBe('Registration · options');
    expect(entryTitle(outletRefusal, ja.inspector)).toBe('サインイン · ブラウザが拒否');
    expect(uiWords('immediate', t)).toBe(t.uiImmediate);
    expect(outcomeBadge(entry({}), t)).toBe('OK');
    expect(outcomeBadge(outletRefusal, t)).toBe('Refused: SecurityError');
  });
});

describe('authenticatorData in words', () => {
  it('gives every flag, set or not, with its word, in order', () => {
    const rows = flagRows({ up: true, uv: true, be: false, bs: false, at: false, ed: false }, t);
    expect(rows.map((row) => [row.flag, row.on])).toEqual([
      ['up', true],
      ['uv', true],
      ['be', false],
      ['bs', false],
      ['at', false],
      ['ed', false],
    ]);
    expect(rows[1]?.words).toBe('UV, user verified: fingerprint, face, PIN or screen lock');
    expect(flagRows({ up: true, uv: true, be: true, bs: true, at: true, ed: false }, ja.inspector)[3]?.words).toContain('BS');
  });

  it('names the RP ID the hash belongs to, or says it matches none', () => {
    expect(rpIdHashWords('example.com', t)).toBe('the SHA-256 of example.com');
    expect(rpIdHashWords(null, t)).toBe(t.rpIdHashNoMatch);
  });

  it('explains a zero counter and shows any other as it is', () => {
    expect(counterWords(0, t)).toBe(t.counterZero);
    expect(counterWords(7, t)).toBe('7');
  });

  it('explains "none" attestation and the attachments', () => {
    expect(attestationFormatWords('none', t)).toBe(t.formatNone);
    expect(attestationFormatWords('packed', t)).toBe('packed');
    expect(attachmentWords('cross-platform', t)).toBe(t.attachmentCrossPlatform);
    expect(attachmentWords('platform', t)).toBe(t.attachmentPlatform);
    expect(attachmentWords('something-new', t)).toBe('something-new');
  });
});

describe('the server\'s checks', () => {
  it('each passed, failed or not reached, with expected and actual when the server gave both', () => {
    const rows = checkRows(
      [
        { id: 'type', status: 'passed' },
        { id: 'origin', status: 'failed', expected: 'https://example.co.uk', actual: 'https://example.co.jp' },
        { id: 'signature', status: 'not-reached' },
      ],
      t,
    );
    expect(rows.map((row) => [row.label, row.statusWord])).toEqual([
      [t.checkType, 'passed'],
      [t.checkOrigin, 'failed'],
      [t.checkSignature, 'not reached'],
    ]);
    expect(rows[1]?.detail).toBe('expected https://example.co.uk, got https://example.co.jp');
    expect(rows[0]?.detail).toBeUndefined();
  });
});

describe('errors in plain words', () => {
  it('says nothing for a step that worked', () => {
    expect(explainOutcome(entry({}), t)).toBeNull();
  });

  it('explains the outlet\'s SecurityError: not in the well-known list, which it shows, with its label count', () => {
    const explanation = explainOutcome(outletRefusal, t);
    expect(explanation?.text).toContain('This site is not in https://example.com/.well-known/webauthn');
    expect(explanation?.origins).toEqual(outletRefusal.browserError?.relatedOrigins?.origins);
    expect(explanation?.labels).toBe('The list uses 2 of the 5 labels browsers accept.');
    expect(explanation?.browserMessage).toContain('no listed origin matched the caller');
    expect(explainOutcome(outletRefusal, ja.inspector)?.text).toContain('https://example.com/.well-known/webauthn に載っていない');
  });

  it('tells a SecurityError on a listed site, or without the list, apart from the unlisted one', () => {
    const listed = entry({ ...outletRefusal, browserError: { ...outletRefusal.browserError!, relatedOrigins: { ...outletRefusal.browserError!.relatedOrigins!, thisOriginListed: true } } });
    expect(explainOutcome(listed, t)?.text).toBe(t.securityListed.replace('{wellKnown}', 'https://example.com/.well-known/webauthn'));
    expect(explainOutcome(listed, t)?.origins).toBeUndefined();
    const bare = entry({ step: 'browser', outcome: { ok: false, code: 'SecurityError', message: 'x' }, browserError: { name: 'SecurityError', message: 'x' } });
    expect(explainOutcome(bare, t)?.text).toBe(t.securityOther);
  });

  it('reads NotAllowedError as "cancelled or nothing here", and as "nothing on this device" for an immediate sign-in', () => {
    const refusal = (ui: CeremonyLogEntry['ui']) => entry({ step: 'browser', ui, outcome: { ok: false, code: 'NotAllowedError', message: 'm' }, browserError: { name: 'NotAllowedError', message: 'm' } });
    expect(explainOutcome(refusal('button'), t)?.text).toBe(t.notAllowed);
    expect(explainOutcome(refusal('immediate'), t)?.text).toBe(t.notAllowedImmediate);
  });

  it('has words for the other browser errors, and names one it does not know', () => {
    const refusal = (name: string) => entry({ kind: 'registration', step: 'browser', outcome: { ok: false, code: name, message: 'm' }, browserError: { name, message: 'm' } });
    expect(explainOutcome(refusal('InvalidStateError'), t)?.text).toBe(t.invalidState);
    expect(explainOutcome(refusal('NotSupportedError'), t)?.text).toBe(t.notSupported);
    expect(explainOutcome(refusal('ConstraintError'), t)?.text).toBe(t.constraint);
    expect(explainOutcome(refusal('UnknownError'), t)?.text).toBe(t.unknownError);
    expect(explainOutcome(refusal('TypeError'), t)?.text).toBe('The browser refused with TypeError.');
    // Not a key of Object.prototype either.
    expect(explainOutcome(refusal('constructor'), t)?.text).toBe('The browser refused with constructor.');
  });

  it('explains the server\'s refusals, and shows the code and message of one it has no words for', () => {
    const refusal = (code: string, message = 'm') => entry({ outcome: { ok: false, code, message } });
    expect(explainOutcome(refusal('ORIGIN_MISMATCH'), t)?.text).toBe(t.originMismatch);
    expect(explainOutcome(refusal('CHALLENGE_SITE_MISMATCH'), t)?.text).toBe(t.challengeProblem);
    expect(explainOutcome(refusal('USER_VERIFICATION_REQUIRED'), t)?.text).toBe(t.userVerification);
    expect(explainOutcome(refusal('SERVICE_UNAVAILABLE', 'The database is away.'), t)?.text).toBe('SERVICE_UNAVAILABLE: The database is away.');
  });
});
