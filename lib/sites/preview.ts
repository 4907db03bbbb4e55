// Relative imports only: next.config.ts loads this file through lib/sites/config.ts.
import { EnvError, parseVariable, type EnvProblem, type EnvSource } from '../env/variables';
import type { SiteConfigInput } from './schema';

/** The two hostnames Vercel gives a preview deployment, both under vercel.app. */
export interface PreviewHostnames {
  /** VERCEL_BRANCH_URL: the branch's URL, the same for every push to the branch. */
  branch: string;
  /** VERCEL_URL: this deployment's own URL. */
  deployment: string;
}

/**
 * The family as one preview deployment can serve it. A preview answers on no production domain,
 * only on its branch URL and its deployment URL, each its own label under the private suffix
 * vercel.app; so the RP ID site moves to the branch URL (which then serves the well-known) and
 * the first other listed site to the deployment URL, a related origin. Names, locales and themes
 * stay as configured; the other sites have no hostname on a preview and are left out.
 */
export function previewSiteConfig(config: SiteConfigInput, hostnames: PreviewHostnames): SiteConfigInput {
  const rpSite = config.sites.find((site) => site.hostnames[0] === config.rpId);
  // parseSiteConfig reports a configuration without one; there is nothing to move.
  if (!rpSite) return config;
  const related = config.sites.find((site) => site !== rpSite && site.listed);
  return {
    rpId: hostnames.branch,
    sites: [{ ...rpSite, hostnames: [hostnames.branch] }, ...(related ? [{ ...related, hostnames: [hostnames.deployment] }] : [])],
  };
}

/**
 * The site configuration this deployment serves: sites.config.ts as written, or, with
 * ATLAS_SITE_CONFIG=vercel-preview, its preview form on this deployment's own hostnames.
 * Refused on a production deployment, whose custom domains it would all turn into unknown hosts.
 */
export function siteConfigForDeployment(config: SiteConfigInput, source: EnvSource): SiteConfigInput {
  const choice = parseVariable('ATLAS_SITE_CONFIG', source);
  if ('problem' in choice) throw new EnvError([choice.problem], 'the site configuration');
  if (choice.value === 'default') return config;

  const problems: EnvProblem[] = [];
  const vercelEnv = parseVariable('VERCEL_ENV', source);
  if ('value' in vercelEnv && vercelEnv.value === 'production') {
    problems.push({
      name: 'ATLAS_SITE_CONFIG',
      message:
        'ATLAS_SITE_CONFIG=vercel-preview is set on a production deployment (VERCEL_ENV=production), where it would serve only *.vercel.app hostnames. Give it the Preview environment only (Vercel: Settings → Environment Variables).',
    });
  }
  const hostname = (name: 'VERCEL_BRANCH_URL' | 'VERCEL_URL'): string | undefined => {
    const parsed = parseVariable(name, source);
    if ('problem' in parsed) problems.push(parsed.problem);
    else if (parsed.value === undefined) {
      problems.push({
        name,
        message: `${name} is not set, and ATLAS_SITE_CONFIG=vercel-preview needs it: Vercel sets it on every deployment when "Automatically expose System Environment Variables" is on (Settings → Environment Variables).`,
      });
    }
    return 'value' in parsed ? parsed.value : undefined;
  };
  const branch = hostname('VERCEL_BRANCH_URL');
  const deployment = hostname('VERCEL_URL');
  if (problems.length > 0 || !branch || !deployment) throw new EnvError(problems, 'the preview site configuration');
  return previewSiteConfig(config, { branch, deployment });
}
