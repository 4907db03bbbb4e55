// Relative, not '@/': next.config.ts loads this file, and its loader does not apply tsconfig paths.
import rawConfig from '../../sites.config';
import { siteConfigForDeployment } from './preview';
import { parseSiteConfig, type Site, type SiteConfig } from './schema';

/**
 * The validated site family: sites.config.ts, or its preview form on a Vercel preview deployment
 * that asks for it (ATLAS_SITE_CONFIG, lib/sites/preview.ts). Importing this module is what
 * validates it.
 */
export const siteConfig: SiteConfig = parseSiteConfig(siteConfigForDeployment(rawConfig, process.env));

/** Every hostname any site answers on, primary and aliases. */
export function allHostnames(config: SiteConfig = siteConfig): string[] {
  return config.sites.flatMap((site) => site.hostnames);
}

/** The site whose primary hostname is the RP ID: it serves /.well-known/webauthn. */
export function rpSite(config: SiteConfig = siteConfig): Site {
  const site = config.sites.find((candidate) => candidate.hostnames[0] === config.rpId);
  // parseSiteConfig guarantees this; the check keeps the type honest without a cast.
  if (!site) throw new Error(`No site has the RP ID ${config.rpId} as its primary hostname`);
  return site;
}

/** The https origins of every listed site, in configuration order: the well-known's content. */
export function relatedOrigins(config: SiteConfig = siteConfig): string[] {
  return config.sites.filter((site) => site.listed).flatMap((site) => site.hostnames.map((host) => `https://${host}`));
}

export function siteById(id: string, config: SiteConfig = siteConfig): Site | undefined {
  return config.sites.find((site) => site.id === id);
}

export function primaryOrigin(site: Site): string {
  return `https://${site.hostnames[0]}`;
}
