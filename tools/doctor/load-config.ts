import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseSiteConfig, SiteConfigError, type SiteConfig } from '@/lib/sites/schema';
import { UsageError } from './args';

/**
 * Loads a site config module (its default export, as sites.config.ts has) and validates it with
 * the app's own schema, so its errors name the field. Any failure is a UsageError.
 */
export async function loadSiteConfig(file: string): Promise<SiteConfig> {
  let exported: unknown;
  try {
    const loaded = (await import(pathToFileURL(path.resolve(file)).href)) as { default?: unknown };
    exported = loaded.default;
  } catch (error) {
    throw new UsageError(`--config: cannot load ${file} (${error instanceof Error ? error.message : String(error)})`);
  }
  if (exported === undefined) throw new UsageError(`--config: ${file} has no default export; export the config as sites.config.ts does`);
  try {
    return parseSiteConfig(exported);
  } catch (error) {
    if (error instanceof SiteConfigError) throw new UsageError(`--config: ${file} is not a valid site config:\n${error.issues.map((issue) => `  - ${issue}`).join('\n')}`);
    throw error;
  }
}
