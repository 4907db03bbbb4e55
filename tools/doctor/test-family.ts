import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseSiteConfig, type SiteConfig, type SiteConfigInput } from '@/lib/sites/schema';

const THEME = { brand: '#1d4ed8', onBrand: '#ffffff', surface: '#eff6ff', mark: 'T' };

function site(id: string, hostnames: string[], listed = true) {
  return { id, name: `Test ${id}`, hostnames, listed, locale: 'en' as const, theme: THEME };
}

/**
 * The doctor's test family: five listed labels (alpha, bravo, charlie, delta, foxtrot) and echo,
 * a sixth label, left out with listed: false, as a deployer trimming the list to five would.
 */
export const TEST_FAMILY = {
  rpId: 'alpha.test',
  sites: [
    site('alpha', ['alpha.test', 'www.alpha.test']),
    site('bravo', ['bravo.test']),
    site('charlie', ['charlie.test']),
    site('delta', ['delta.test']),
    site('echo', ['echo.test'], false),
    site('foxtrot', ['foxtrot.test']),
  ],
} satisfies SiteConfigInput;

/** What the family's own deployment serves: every listed site's origins, in config order. */
export const TEST_FAMILY_ORIGINS = [
  'https://alpha.test',
  'https://www.alpha.test',
  'https://bravo.test',
  'https://charlie.test',
  'https://delta.test',
  'https://foxtrot.test',
];

/** A preview-only config: the RP ID is the preview deployment's own hostname. */
export const PREVIEW_FAMILY = {
  rpId: 'atlas-git-feature-team.vercel.app',
  sites: [site('preview', ['atlas-git-feature-team.vercel.app'])],
} satisfies SiteConfigInput;

export function testConfig(input: SiteConfigInput): SiteConfig {
  return parseSiteConfig(input);
}

/** Writes `input` as a site config module (a default export, like sites.config.ts) for `--config`. */
export function writeConfigModule(dir: string, name: string, input: unknown): string {
  const file = path.join(dir, `${name}.config.ts`);
  writeFileSync(file, `export default ${JSON.stringify(input, null, 2)};\n`);
  return file;
}
