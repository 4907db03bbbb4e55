import { describe, expect, it } from 'vitest';
import defaultConfig from '@/sites.config';
import { parseSiteConfig, SiteConfigError, type SiteConfigInput } from './schema';

const theme = { brand: '#112233', onBrand: '#ffffff', surface: '#f0f0f0', mark: 'X' };

function site(id: string, hostnames: string[], listed = true): SiteConfigInput['sites'][number] {
  return { id, name: id, hostnames, listed, locale: 'en', theme };
}

function issuesOf(input: SiteConfigInput): readonly string[] {
  try {
    parseSiteConfig(input);
  } catch (error) {
    if (error instanceof SiteConfigError) return error.issues;
    throw error;
  }
  throw new Error('expected the configuration to be rejected');
}

describe('parseSiteConfig', () => {
  it('accepts the shipped configuration', () => {
    const config = parseSiteConfig(defaultConfig);
    expect(config.rpId).toBe('example.com');
    expect(config.sites.map((s) => s.id)).toEqual(['shop', 'uk', 'jp', 'rewards', 'outlet']);
  });

  it('rejects a hostname used twice, naming the field and the owner', () => {
    const issues = issuesOf({ rpId: 'a.com', sites: [site('a', ['a.com']), site('b', ['b.com', 'a.com'])] });
    expect(issues).toEqual(['sites[1].hostnames[1]: "a.com" is already configured for site "a"']);
  });

  it('rejects a repeated site id', () => {
    const issues = issuesOf({ rpId: 'a.com', sites: [site('a', ['a.com']), site('a', ['b.com'])] });
    expect(issues).toEqual(['sites[1].id: "a" is already used by sites[0]']);
  });

  it('rejects an RP ID that is not a configured primary host', () => {
    const issues = issuesOf({ rpId: 'c.com', sites: [site('a', ['a.com'])] });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(/^rpId: "c\.com" is not the primary hostname of any configured site/);
  });

  it('rejects an RP ID host that is not listed', () => {
    const issues = issuesOf({ rpId: 'a.com', sites: [site('a', ['a.com'], false)] });
    expect(issues).toEqual(['rpId: the RP ID host\'s site "a" must have listed: true']);
  });

  it('rejects more than five labels among listed sites and names them', () => {
    const hosts = ['one.com', 'two.com', 'three.com', 'four.com', 'five.com', 'six.com'];
    const issues = issuesOf({ rpId: 'one.com', sites: hosts.map((h, i) => site(`s${i}`, [h])) });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toContain('6 distinct labels (one, two, three, four, five, six)');
    expect(issues[0]).toContain('labelled six would be ignored');
  });

  it('does not count unlisted sites or repeated labels', () => {
    const hosts = ['one.com', 'one.co.uk', 'two.com', 'three.com', 'four.com', 'five.com'];
    const config = parseSiteConfig({ rpId: 'one.com', sites: [...hosts.map((h, i) => site(`s${i}`, [h])), site('x', ['six.com'], false)] });
    expect(config.sites).toHaveLength(7);
  });

  it('rejects malformed hostnames and colours with the field path', () => {
    const issues = issuesOf({
      rpId: 'a.com',
      sites: [{ ...site('a', ['https://A.com/']), theme: { ...theme, brand: 'blue' } }],
    });
    expect(issues).toContain('sites[0].hostnames[0]: must be a lower-case DNS name such as "example.com" (no scheme, port or path)');
    expect(issues).toContain('sites[0].theme.brand: must be a hex colour such as "#1d4ed8"');
  });
});
