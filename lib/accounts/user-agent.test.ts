import { describe, expect, it } from 'vitest';
import { browserKind, describeUserAgent } from './user-agent';

const UA = {
  chromeMac: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36',
  headlessChrome: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.7390.0 Safari/537.36',
  firefoxWindows: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:140.0) Gecko/20100101 Firefox/140.0',
  edge: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
  chromeAndroid: 'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
  safariIpad: 'Mozilla/5.0 (iPad; CPU OS 18_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.2 Mobile/15E148 Safari/604.1',
};

describe('describeUserAgent', () => {
  it('names the major browsers with their major version, and the system without its frozen version', () => {
    expect(describeUserAgent(UA.chromeMac)).toEqual({ browser: 'Chrome 156', os: 'macOS', device: 'desktop' });
    expect(describeUserAgent(UA.headlessChrome)).toEqual({ browser: 'Chrome 156', os: 'Linux', device: 'desktop' });
    expect(describeUserAgent(UA.firefoxWindows)).toEqual({ browser: 'Firefox 140', os: 'Windows', device: 'desktop' });
    expect(describeUserAgent(UA.edge)).toEqual({ browser: 'Microsoft Edge 131', os: 'Windows', device: 'desktop' });
    expect(describeUserAgent(UA.chromeAndroid)).toEqual({ browser: 'Chrome 131', os: 'Android', device: 'mobile' });
    expect(describeUserAgent(UA.safariIpad)).toEqual({ browser: 'Safari 18', os: 'iOS', device: 'tablet' });
  });

  it('says nothing it does not know: no user agent, or one that names no browser', () => {
    expect(describeUserAgent(null)).toEqual({ browser: null, os: null, device: null });
    expect(describeUserAgent('  ')).toEqual({ browser: null, os: null, device: null });
    expect(describeUserAgent('curl/8.5.0')).toEqual({ browser: null, os: null, device: null });
  });
});

describe('browserKind', () => {
  it('stays the same across updates of a browser, and differs between browsers and systems', () => {
    expect(browserKind(UA.chromeMac)).toBe('Chrome on macOS');
    expect(browserKind(UA.chromeMac.replace('Chrome/156', 'Chrome/157'))).toBe('Chrome on macOS');
    expect(browserKind(UA.chromeAndroid)).toBe('Chrome on Android');
    expect(browserKind(UA.firefoxWindows)).toBe('Firefox on Windows');
    expect(browserKind(null)).toBeNull();
    expect(browserKind('curl/8.5.0')).toBeNull();
  });
});
