import { describe, expect, it } from 'vitest';
import { siteById } from '@/lib/sites/config';
import { passkeySite } from './passkey-site';

function site(id: string) {
  const found = siteById(id);
  if (!found) throw new Error(`no site ${id}`);
  return found;
}

describe('passkeySite', () => {
  it('needs no related origins on the RP ID host and its subdomains', () => {
    expect(passkeySite(site('shop'), 'example.com')).toEqual({ name: 'Example', listed: true, rpId: 'example.com', relatedOrigin: false });
  });

  it('needs related origins on every other domain, listed or not', () => {
    expect(passkeySite(site('jp'), 'example.com').relatedOrigin).toBe(true);
    expect(passkeySite(site('outlet'), 'example.com')).toMatchObject({ listed: false, relatedOrigin: true });
  });

  it('does not mistake a look-alike domain for a subdomain', () => {
    expect(passkeySite({ ...site('shop'), hostnames: ['notexample.com'] }, 'example.com').relatedOrigin).toBe(true);
  });
});
