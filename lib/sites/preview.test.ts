import { expect, test } from 'vitest';
import sites from '@/sites.config';
import { EnvError } from '@/lib/env/variables';
import { relatedOrigins, rpSite } from './config';
import { distinctLabels } from './labels';
import { previewSiteConfig, siteConfigForDeployment } from './preview';
import { resolveSite } from './resolve-site';
import { parseSiteConfig } from './schema';

const PREVIEW = {
  ATLAS_SITE_CONFIG: 'vercel-preview',
  VERCEL_ENV: 'preview',
  VERCEL_BRANCH_URL: 'passkey-atlas-git-try-passkeys-acme.vercel.app',
  VERCEL_URL: 'passkey-atlas-4f7k2mq1x-acme.vercel.app',
};

test('without ATLAS_SITE_CONFIG the family is sites.config.ts as written', () => {
  expect(siteConfigForDeployment(sites, {})).toBe(sites);
  expect(siteConfigForDeployment(sites, { ATLAS_SITE_CONFIG: 'default', VERCEL_ENV: 'production' })).toBe(sites);
});

test('a preview serves the RP ID site on its branch URL and the next listed site on its deployment URL', () => {
  const config = parseSiteConfig(siteConfigForDeployment(sites, PREVIEW));
  expect(config.rpId).toBe(PREVIEW.VERCEL_BRANCH_URL);
  expect(config.sites.map((site) => [site.id, site.hostnames])).toEqual([
    ['shop', [PREVIEW.VERCEL_BRANCH_URL]],
    ['uk', [PREVIEW.VERCEL_URL]],
  ]);
  // The well-known on the branch URL lists both; each *.vercel.app host is a label of its own.
  expect(relatedOrigins(config)).toEqual([`https://${PREVIEW.VERCEL_BRANCH_URL}`, `https://${PREVIEW.VERCEL_URL}`]);
  expect(distinctLabels(relatedOrigins(config).map((origin) => new URL(origin).hostname))).toEqual([
    'passkey-atlas-git-try-passkeys-acme',
    'passkey-atlas-4f7k2mq1x-acme',
  ]);
  expect(rpSite(config).name).toBe('Example');
  expect(resolveSite(PREVIEW.VERCEL_URL, config)?.site.locale).toBe('en-GB');
  expect(resolveSite('example.com', config)).toBeUndefined();
});

test('a family with one site keeps one site on a preview', () => {
  const one = { rpId: 'example.com', sites: sites.sites.slice(0, 1) };
  expect(previewSiteConfig(one, { branch: PREVIEW.VERCEL_BRANCH_URL, deployment: PREVIEW.VERCEL_URL }).sites).toHaveLength(1);
});

test('is refused on a production deployment, whose custom domains it would drop', () => {
  expect(() => siteConfigForDeployment(sites, { ...PREVIEW, VERCEL_ENV: 'production' })).toThrow(EnvError);
  expect(() => siteConfigForDeployment(sites, { ...PREVIEW, VERCEL_ENV: 'production' })).toThrow(/ATLAS_SITE_CONFIG=vercel-preview is set on a production deployment/);
});

test('names the Vercel variables it needs when they are missing', () => {
  const attempt = () => siteConfigForDeployment(sites, { ATLAS_SITE_CONFIG: 'vercel-preview', VERCEL_ENV: 'preview' });
  expect(attempt).toThrow(/VERCEL_BRANCH_URL is not set, and ATLAS_SITE_CONFIG=vercel-preview needs it/);
  expect(attempt).toThrow(/VERCEL_URL is not set/);
  expect(attempt).toThrow(/Automatically expose System Environment Variables/);
});
