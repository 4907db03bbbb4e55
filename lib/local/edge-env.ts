import type { AppEnv, VariableName } from '@/lib/env/variables';

/**
 * How the dev launcher tells the app about the local edge it started: two environment
 * variables, read by the loopback index page to show the browser command line.
 */
export const EDGE_PROXY_ENV = 'ATLAS_EDGE_PROXY_URL' satisfies VariableName;
export const EDGE_SPKI_ENV = 'ATLAS_EDGE_SPKI' satisfies VariableName;

export interface EdgeInfo {
  proxyUrl: string;
  spki: string;
}

export function edgeFromEnv(env: Partial<Pick<AppEnv, typeof EDGE_PROXY_ENV | typeof EDGE_SPKI_ENV>>): EdgeInfo | undefined {
  const proxyUrl = env[EDGE_PROXY_ENV];
  const spki = env[EDGE_SPKI_ENV];
  return proxyUrl && spki ? { proxyUrl, spki } : undefined;
}

/** A command line for a throwaway Chrome profile wired to the edge. */
export function manualBrowserCommand(edge: EdgeInfo, url: string): string {
  return [
    'google-chrome',
    '--user-data-dir="$(mktemp -d)"',
    `--proxy-server=${edge.proxyUrl}`,
    `--ignore-certificate-errors-spki-list=${edge.spki}`,
    url,
  ].join(' \\\n  ');
}
