import { describe, expect, it } from 'vitest';
import { CookieJar } from './cookie-jar';

describe('CookieJar', () => {
  it('sends back what it was given, ignoring attributes', () => {
    const jar = new CookieJar();
    jar.store(['__Host-atlas-ceremony=abc; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=86400', 'lang=ja; Path=/']);
    expect(jar.header()).toBe('__Host-atlas-ceremony=abc; lang=ja');
  });

  it('keeps "=" inside a value and replaces a cookie set again', () => {
    const jar = new CookieJar();
    jar.store(['token=a=b; Path=/']);
    jar.store(['token=c==; Path=/']);
    expect(jar.header()).toBe('token=c==');
  });

  it('deletes on Max-Age=0 or an Expires in the past, as a sign-out answer does', () => {
    const jar = new CookieJar();
    jar.store(['a=1', 'b=2', 'c=3']);
    jar.store(['a=; Max-Age=0; Path=/', 'b=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/']);
    expect(jar.header()).toBe('c=3');
  });

  it('forgets by name on request and is empty afterwards', () => {
    const jar = new CookieJar();
    jar.store(['__Host-authjs.session-token=x', 'keep=1']);
    jar.delete((name) => name.includes('session-token'));
    expect(jar.header()).toBe('keep=1');
    jar.delete(() => true);
    expect(jar.header()).toBeUndefined();
  });
});
