import { z } from 'zod';
import { distinctLabels, MAX_RELATED_ORIGIN_LABELS, originLabel } from './labels';

const LOCALES = ['en', 'en-GB', 'en-US', 'ja'] as const;

// Lower-case DNS names only: the Host header is compared against these after lower-casing.
const hostname = z
  .string()
  .regex(
    /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/,
    'must be a lower-case DNS name such as "example.com" (no scheme, port or path)',
  );

/** What each site's home page lets only a signed-in person do (the demo of signing in on the spot). */
export const DEMO_ACTIONS = ['redeem-points', 'add-to-basket'] as const;

const colour = z.string().regex(/^#[0-9a-f]{6}$/i, 'must be a hex colour such as "#1d4ed8"');

const siteSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, 'must be a short lower-case slug such as "shop"'),
  name: z.string().min(1).max(40),
  /** The first hostname is the primary one; the rest are aliases (www., old domains). */
  hostnames: z.array(hostname).min(1),
  /** Whether the site's origins go into the RP ID host's /.well-known/webauthn. */
  listed: z.boolean(),
  locale: z.enum(LOCALES),
  /** The home page's signed-in action: a loyalty brand redeems points, a shop fills a basket. */
  demoAction: z.enum(DEMO_ACTIONS).default('add-to-basket'),
  theme: z.object({
    /** Brand colour: header, buttons. */
    brand: colour,
    /** Text drawn on the brand colour. */
    onBrand: colour,
    /** Page background tint. */
    surface: colour,
    /** Short mark drawn in the logo badge (one or two characters). */
    mark: z.string().min(1).max(2),
  }),
});

const siteConfigSchema = z
  .object({
    /** The WebAuthn RP ID shared by every site: the primary hostname of one configured site. */
    rpId: hostname,
    sites: z.array(siteSchema).min(1),
  })
  .superRefine((config, ctx) => {
    const ids = new Map<string, number>();
    const hosts = new Map<string, string>();
    config.sites.forEach((site, i) => {
      const seenId = ids.get(site.id);
      if (seenId !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['sites', i, 'id'], message: `"${site.id}" is already used by sites[${seenId}]` });
      }
      ids.set(site.id, i);
      site.hostnames.forEach((host, j) => {
        const owner = hosts.get(host);
        if (owner !== undefined) {
          ctx.addIssue({ code: 'custom', path: ['sites', i, 'hostnames', j], message: `"${host}" is already configured for ${owner}` });
        }
        hosts.set(host, `site "${site.id}"`);
        if (originLabel(host) === undefined) {
          ctx.addIssue({ code: 'custom', path: ['sites', i, 'hostnames', j], message: `"${host}" has no registrable domain, so browsers cannot use it as a related origin` });
        }
      });
    });

    const rpSite = config.sites.find((site) => site.hostnames[0] === config.rpId);
    if (!rpSite) {
      ctx.addIssue({
        code: 'custom',
        path: ['rpId'],
        message: `"${config.rpId}" is not the primary hostname of any configured site; the RP ID host must be served by this deployment so it can answer /.well-known/webauthn`,
      });
    } else if (!rpSite.listed) {
      ctx.addIssue({ code: 'custom', path: ['rpId'], message: `the RP ID host's site "${rpSite.id}" must have listed: true` });
    }

    const listedHosts = config.sites.filter((site) => site.listed).flatMap((site) => site.hostnames);
    const labels = distinctLabels(listedHosts);
    if (labels.length > MAX_RELATED_ORIGIN_LABELS) {
      ctx.addIssue({
        code: 'custom',
        path: ['sites'],
        message: `listed sites span ${labels.length} distinct labels (${labels.join(', ')}); browsers honour at most ${MAX_RELATED_ORIGIN_LABELS}, so origins labelled ${labels.slice(MAX_RELATED_ORIGIN_LABELS).join(', ')} would be ignored. Set listed: false on some sites`,
      });
    }
  });

export type SiteConfigInput = z.input<typeof siteConfigSchema>;
export type SiteConfig = z.output<typeof siteConfigSchema>;
export type Site = SiteConfig['sites'][number];

export class SiteConfigError extends Error {
  constructor(readonly issues: readonly string[]) {
    super(`Invalid site configuration (sites.config.ts):\n${issues.map((issue) => `  - ${issue}`).join('\n')}`);
    this.name = 'SiteConfigError';
  }
}

/** Parses a site configuration, throwing a SiteConfigError whose lines name each bad field. */
export function parseSiteConfig(input: unknown): SiteConfig {
  const result = siteConfigSchema.safeParse(input);
  if (result.success) return result.data;
  throw new SiteConfigError(
    result.error.issues.map((issue) => `${issue.path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('') || '(root)'}: ${issue.message}`),
  );
}
