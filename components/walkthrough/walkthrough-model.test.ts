import { describe, expect, it } from 'vitest';
import { WALKTHROUGH_STEPS, type WalkthroughStepId, type WalkthroughStepProgress } from '@/lib/walkthrough/steps';
import { doneCount, joinToken, stepViews } from './walkthrough-model';

function progress(done: WalkthroughStepId[]): WalkthroughStepProgress[] {
  return WALKTHROUGH_STEPS.map((step) => ({ id: step.id, done: done.includes(step.id), ...(done.includes(step.id) && { doneAt: '2026-11-22T08:00:00.000Z' }) }));
}

function states(done: WalkthroughStepId[]) {
  return Object.values(stepViews(progress(done))).map((view) => view.state);
}

describe('the walkthrough\'s steps from the server\'s progress', () => {
  it('says nothing about any step until the progress is read: no Done, no Next', () => {
    expect(Object.values(stepViews(null)).map((view) => view.state)).toEqual(Array(8).fill('unknown'));
  });

  it('shows Done only for the steps the progress marks done, with when', () => {
    const views = stepViews(progress(['create-account', 'sign-in-elsewhere']));
    expect(views['create-account']).toEqual({ state: 'done', doneAt: '2026-11-22T08:00:00.000Z' });
    expect(views['sign-in-elsewhere'].state).toBe('done');
    expect(views['session-per-site'].state).toBe('next');
    expect(views.manage.state).toBe('todo');
    expect(doneCount(views)).toEqual({ done: 2, total: 8 });
  });

  it('starts at step 1', () => {
    expect(states([])).toEqual(['next', 'todo', 'todo', 'todo', 'todo', 'todo', 'todo', 'todo']);
  });

  it('moves past the outlet\'s listing, which a deployed workshop cannot do, once a later step is done', () => {
    expect(states(['create-account', 'sign-in-elsewhere', 'session-per-site', 'outlet-refused'])[4]).toBe('next');
    expect(states(['create-account', 'sign-in-elsewhere', 'session-per-site', 'outlet-refused', 'immediate'])).toEqual(['done', 'done', 'done', 'done', 'todo', 'done', 'next', 'todo']);
  });

  it('goes back to the first step not done when everything after the last done one is done', () => {
    expect(states(['manage'])).toEqual(['next', 'todo', 'todo', 'todo', 'todo', 'todo', 'todo', 'done']);
    expect(states(WALKTHROUGH_STEPS.map((step) => step.id))).toEqual(Array(8).fill('done'));
  });

  it('reads a step missing from the answer, or an unknown id in it, as not done', () => {
    const views = stepViews([{ id: 'create-account', done: true }, { id: 'nonsense' as WalkthroughStepId, done: true }]);
    expect(doneCount(views)).toEqual({ done: 1, total: 8 });
  });
});

describe('the join token in a walkthrough link', () => {
  it('is taken out of the address, which keeps everything else', () => {
    expect(joinToken('https://example.co.uk/walkthrough?join=abc_-123&x=1#step-2')).toEqual({ token: 'abc_-123', cleaned: '/walkthrough?x=1#step-2' });
    expect(joinToken('https://example.co.uk/walkthrough?join=abc')).toEqual({ token: 'abc', cleaned: '/walkthrough' });
  });

  it('is absent from an ordinary visit, and an empty one counts as none', () => {
    expect(joinToken('https://example.co.uk/walkthrough')).toEqual({ token: null, cleaned: '/walkthrough' });
    expect(joinToken('https://example.co.uk/walkthrough?join=')).toEqual({ token: null, cleaned: '/walkthrough' });
  });
});
