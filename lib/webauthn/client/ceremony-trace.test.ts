import { WebAuthnError } from '@simplewebauthn/browser';
import { describe, expect, it, vi } from 'vitest';
import { ApiResponseError } from './api';
import type { CeremonyEvent } from './ceremony-events';
import { browserProblem, isReportable, traceCeremony, type TraceEnvironment } from './ceremony-trace';

function environment(hostname: string) {
  const events: CeremonyEvent[] = [];
  const report = vi.fn<TraceEnvironment['report']>(() => Promise.resolve());
  return { events, report, environment: { events: { emit: (event: CeremonyEvent) => void events.push(event) }, hostname, report } satisfies TraceEnvironment };
}

const OPTIONS = { options: { rpId: 'example.com' } };

describe('a traced ceremony', () => {
  it('announces each real step in order, with its kind, ui and one run id', async () => {
    const { events, environment: env } = environment('example.co.uk');
    const trace = traceCeremony('authentication', 'button', env);
    await trace.options(() => Promise.resolve(OPTIONS), (answer) => answer.options.rpId);
    await trace.browser(() => Promise.resolve('credential'));
    await trace.verify(() => Promise.resolve({ verified: true }));
    expect(events.map((event) => event.phase)).toEqual(['options-requested', 'options-received', 'browser-called', 'browser-answered', 'verify-sent', 'verify-accepted']);
    expect(new Set(events.map((event) => event.run)).size).toBe(1);
    expect(events.every((event) => event.kind === 'authentication' && event.ui === 'button')).toBe(true);
  });

  it('knows whether the origin is related once the options name the RP ID', async () => {
    const related = environment('example.co.uk');
    const trace = traceCeremony('registration', 'button', related.environment);
    await trace.options(() => Promise.resolve(OPTIONS), (answer) => answer.options.rpId);
    expect(related.events.map((event) => event.relatedOrigin)).toEqual([null, true]);
    expect(related.events[1]?.rpId).toBe('example.com');

    const own = environment('www.example.com');
    await traceCeremony('registration', 'button', own.environment).options(() => Promise.resolve(OPTIONS), (answer) => answer.options.rpId);
    expect(own.events[1]?.relatedOrigin).toBe(false);
  });

  it('announces a server refusal with its code and reports nothing: the server logged it', async () => {
    const { events, report, environment: env } = environment('example.co.uk');
    const trace = traceCeremony('authentication', 'button', env);
    const refusal = new ApiResponseError(429, 'RATE_LIMITED', 'Too many attempts.');
    await expect(trace.options(() => Promise.reject(refusal), () => undefined)).rejects.toBe(refusal);
    expect(events.at(-1)).toMatchObject({ phase: 'options-refused', error: 'RATE_LIMITED' });
    expect(report).not.toHaveBeenCalled();
  });

  it('reports a browser refusal with the browser\'s own message and rethrows it unchanged', async () => {
    const { events, report, environment: env } = environment('example-outlet.com');
    const trace = traceCeremony('authentication', 'button', env);
    await trace.options(() => Promise.resolve(OPTIONS), (answer) => answer.options.rpId);
    const cause = new DOMException('Subsequently, fetching the .well-known/webauthn resource of the claimed RP ID was successful, but no listed origin matched the caller.', 'SecurityError');
    const thrown = new WebAuthnError({ message: 'The RP ID "example.com" is invalid for this domain', code: 'ERROR_INVALID_RP_ID', cause });
    await expect(trace.browser(() => Promise.reject(thrown))).rejects.toBe(thrown);
    expect(events.at(-1)).toMatchObject({ phase: 'browser-refused', error: 'SecurityError', relatedOrigin: true });
    expect(report).toHaveBeenCalledWith('authentication', 'button', { name: 'SecurityError', message: cause.message });
  });

  it('does not report the AbortError of a request the page itself replaced, but still announces it', async () => {
    const { events, report, environment: env } = environment('example.co.uk');
    const trace = traceCeremony('authentication', 'autofill', env);
    await expect(trace.browser(() => Promise.reject(new DOMException('aborted', 'AbortError')))).rejects.toThrow('aborted');
    expect(events.at(-1)).toMatchObject({ phase: 'browser-refused', error: 'AbortError' });
    expect(report).not.toHaveBeenCalled();
  });
});

describe('what is reported of a browser refusal', () => {
  it('is the DOMException\'s name and message, capped at 500 characters', () => {
    expect(browserProblem(new DOMException('x'.repeat(600), 'NotAllowedError'))).toEqual({ name: 'NotAllowedError', message: 'x'.repeat(500) });
    expect(browserProblem(new TypeError('bad options'))).toEqual({ name: 'TypeError', message: 'bad options' });
    expect(browserProblem('a string')).toEqual({ name: 'Error', message: 'a string' });
  });

  it('keeps to the names the report endpoint takes, and never AbortError', () => {
    expect(isReportable({ name: 'SecurityError', message: '' })).toBe(true);
    expect(isReportable({ name: 'InvalidStateError', message: '' })).toBe(true);
    expect(isReportable({ name: 'AbortError', message: '' })).toBe(false);
    expect(isReportable({ name: 'Not-A-Name', message: '' })).toBe(false);
    expect(isReportable({ name: 'A'.repeat(65), message: '' })).toBe(false);
  });
});
