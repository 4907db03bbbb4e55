import { format } from '@/lib/i18n/format';
import type { Messages } from '@/lib/i18n/messages';
import type { Party, Sequence, StepId, StepStatus } from './sequence-model';

export type SequenceMessages = Messages['sequence'];

type Key = keyof SequenceMessages;

const LABELS: Record<Sequence, Record<StepId, Key>> = {
  registration: {
    'options-request': 'regOptionsRequest',
    'options-answer': 'regOptionsAnswer',
    'browser-call': 'regBrowserCall',
    'well-known': 'wellKnown',
    'authenticator-ask': 'regAuthenticatorAsk',
    'authenticator-answer': 'regAuthenticatorAnswer',
    'browser-answer': 'regBrowserAnswer',
    'verify-request': 'regVerifyRequest',
    'verify-answer': 'regVerifyAnswer',
  },
  authentication: {
    'options-request': 'authOptionsRequest',
    'options-answer': 'authOptionsAnswer',
    'browser-call': 'authBrowserCall',
    'well-known': 'wellKnown',
    'authenticator-ask': 'authAuthenticatorAsk',
    'authenticator-answer': 'authAuthenticatorAnswer',
    'browser-answer': 'authBrowserAnswer',
    'verify-request': 'authVerifyRequest',
    'verify-answer': 'authVerifyAnswer',
  },
};

const STATUS: Record<StepStatus, Key> = {
  idle: 'statusIdle',
  active: 'statusActive',
  'inside-browser': 'statusInsideBrowser',
  done: 'statusDone',
  failed: 'statusFailed',
  skipped: 'statusSkipped',
  'not-reached': 'statusNotReached',
};

const PARTY: Record<Party, Key> = {
  server: 'partyServer',
  page: 'partyPage',
  browser: 'partyBrowser',
  authenticator: 'partyAuthenticator',
};

export function stepLabel(t: SequenceMessages, sequence: Sequence, step: StepId, rpId: string): string {
  return format(t[LABELS[sequence][step]], { rpId });
}

export function statusWord(t: SequenceMessages, status: StepStatus): string {
  return t[STATUS[status]];
}

export function partyName(t: SequenceMessages, party: Party): string {
  return t[PARTY[party]];
}

/**
 * How wide a line of text is at `fontSize`, estimated on the wide side: SVG text does not wrap,
 * so every label must fit the diagram's width in both languages. Ideographs, kana and full-width
 * forms take a full em; m and w nearly one, other Latin capitals and digits about two thirds; other ASCII a bit over half.
 */
export function estimatedWidth(text: string, fontSize: number): number {
  let ems = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code >= 0x2e80) ems += 1;
    else if (/[mwMW]/.test(char)) ems += 0.9;
    else if (/[A-Z0-9]/.test(char)) ems += 0.68;
    else ems += 0.56;
  }
  return ems * fontSize;
}
