import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository root, found from this file rather than from `process.cwd()` so that tools and
 * tests started from a subdirectory still use the same `.data/` and `prisma/migrations/`.
 */
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export const migrationsDir = path.join(projectRoot, 'prisma', 'migrations');

/** Embedded PostgreSQL clusters live under the git-ignored `.data/`. */
export function dataDir(name: string): string {
  return path.join(projectRoot, '.data', name);
}
