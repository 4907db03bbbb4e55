import type { TestProject } from 'vitest/node';
import { resolveDatabase } from './embedded';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Server for test databases: DATABASE_URL, or the embedded test cluster (port 54321). */
    testServerUrl: string;
  }
}

/**
 * Vitest global setup: one PostgreSQL for the whole run, started before any worker. Test files
 * run in parallel workers, so a server started by one of them would die with that worker while
 * the others still use it.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const database = await resolveDatabase({ purpose: 'test' });
  project.provide('testServerUrl', database.url);
  return () => database.stop();
}
