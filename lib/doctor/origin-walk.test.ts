import { describe, expect, it } from 'vitest';
import { originFate, walkOrigins } from './origin-walk';

const SIX_LABELS = ['https://a.com', 'https://b.com', 'https://c.com', 'https://d.com', 'https://e.com', 'https://f.com'];

describe('walkOrigins', () => {
  it('counts at most five distinct labels, in order, and skips an origin with a sixth', () => {
    const walk = walkOrigins(SIX_LABELS);
    expect(walk.labels).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(walk.entries.map((entry) => entry.kind)).toEqual(['counted', 'counted', 'counted', 'counted', 'counted', 'skipped']);
    expect(originFate(walk, 'https://f.com')).toEqual({ kind: 'skipped', index: 5, label: 'f' });
    expect(originFate(walk, 'https://e.com')).toEqual({ kind: 'matched', index: 4 });
  });

  it('counts a label once however many origins share it, so country domains of one brand use one', () => {
    const walk = walkOrigins([
      'https://example.com',
      'https://www.example.com',
      'https://example.co.uk',
      'https://example.de',
      'https://b.com',
      'https://c.com',
      'https://d.com',
      'https://e.com',
      'https://example.fr',
      'https://f.com',
    ]);
    expect(walk.labels).toEqual(['example', 'b', 'c', 'd', 'e']);
    // A known label after the limit is still compared; a new one is not.
    expect(originFate(walk, 'https://example.fr')).toEqual({ kind: 'matched', index: 8 });
    expect(originFate(walk, 'https://f.com').kind).toBe('skipped');
  });

  it('gives each vercel.app hostname a label of its own (a private public suffix)', () => {
    const walk = walkOrigins(['https://app-git-one-team.vercel.app', 'https://app-git-two-team.vercel.app']);
    expect(walk.labels).toEqual(['app-git-one-team', 'app-git-two-team']);
  });

  it('passes over what is not a URL or has no registrable domain, without counting a label', () => {
    const walk = walkOrigins(['example.com', 'https://127.0.0.1', 'https://localhost', ...SIX_LABELS.slice(0, 5), 'https://late.com']);
    expect(walk.entries.slice(0, 3)).toEqual([
      { index: 0, kind: 'ignored', text: 'example.com', reason: 'not-a-url' },
      { index: 1, kind: 'ignored', text: 'https://127.0.0.1', reason: 'no-label' },
      { index: 2, kind: 'ignored', text: 'https://localhost', reason: 'no-label' },
    ]);
    expect(walk.labels).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(originFate(walk, 'https://late.com').kind).toBe('skipped');
  });

  it('stops at the first entry that is not a string: callers listed after it fail, callers before it match', () => {
    const walk = walkOrigins(['https://a.com', 42, 'https://b.com']);
    expect(walk.entries).toEqual([
      { index: 0, kind: 'counted', text: 'https://a.com', origin: 'https://a.com', label: 'a' },
      { index: 1, kind: 'not-a-string', json: '42' },
    ]);
    expect(originFate(walk, 'https://a.com')).toEqual({ kind: 'matched', index: 0 });
    expect(originFate(walk, 'https://b.com')).toEqual({ kind: 'after-bad-entry', index: 1 });
    expect(originFate(walk, 'https://zzz.com')).toEqual({ kind: 'after-bad-entry', index: 1 });
  });

  it('compares whole origins: scheme, host and port, not paths', () => {
    const walk = walkOrigins(['https://a.com/path', 'http://b.com', 'https://c.com:8443', 'HTTPS://D.COM:443']);
    expect(originFate(walk, 'https://a.com').kind).toBe('matched');
    expect(originFate(walk, 'https://b.com').kind).toBe('absent');
    expect(originFate(walk, 'https://c.com').kind).toBe('absent');
    expect(originFate(walk, 'https://d.com').kind).toBe('matched');
  });
});
