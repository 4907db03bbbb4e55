import { describe, expect, it } from 'vitest';
import { distinctLabels, originLabel } from './labels';

describe('originLabel', () => {
  it.each([
    ['example.com', 'example'],
    ['www.example.com', 'example'],
    ['example.co.uk', 'example'],
    ['example.co.jp', 'example'],
    ['example-rewards.com', 'example-rewards'],
    // vercel.app is a private suffix, so every preview deployment is its own label.
    ['my-app-git-main-team.vercel.app', 'my-app-git-main-team'],
    ['my-app-abc123.vercel.app', 'my-app-abc123'],
  ])('%s → %s', (host, label) => {
    expect(originLabel(host)).toBe(label);
  });

  it.each(['localhost', '127.0.0.1', 'co.uk', 'vercel.app'])('%s has no label', (host) => {
    expect(originLabel(host)).toBeUndefined();
  });
});

describe('distinctLabels', () => {
  it('counts country domains of one brand once, in first-seen order', () => {
    expect(distinctLabels(['example.com', 'example-rewards.com', 'example.co.uk', 'example.de'])).toEqual(['example', 'example-rewards']);
  });

  it('counts each vercel.app preview separately', () => {
    expect(distinctLabels(['a-git-x.vercel.app', 'a-git-y.vercel.app', 'example.com'])).toEqual(['a-git-x', 'a-git-y', 'example']);
  });
});
