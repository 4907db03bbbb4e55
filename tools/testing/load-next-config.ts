/**
 * Loads next.config.ts the way `next dev`, `next build` and `next start` do (Next's own
 * loadConfig, for the phase given as the first argument) and prints the settings a test checks,
 * or the error that stopped it, with exit code 1.
 */
import path from 'node:path';
import config from 'next/dist/server/config';

// A CommonJS module with __esModule: imported from ESM, its default export is one level down.
const loadConfig = (config as unknown as { default: typeof config }).default;

const phase = process.argv[2] ?? 'phase-development-server';
try {
  const loaded = await loadConfig(phase as Parameters<typeof loadConfig>[0], path.resolve(import.meta.dirname, '../..'));
  console.log(JSON.stringify({ distDir: loaded.distDir, allowedDevOrigins: loaded.allowedDevOrigins }));
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
