import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Where the security specs leave their figures for `npm run test:security`
 * (tools/security-report.ts): one JSON file per spec, rewritten on every run.
 */
export const SECURITY_RESULTS_DIR = path.resolve('test-results', 'security');

export function writeSecurityResult(name: string, figures: object): void {
  mkdirSync(SECURITY_RESULTS_DIR, { recursive: true });
  writeFileSync(path.join(SECURITY_RESULTS_DIR, `${name}.json`), `${JSON.stringify({ ...figures, writtenAt: new Date().toISOString() }, null, 2)}\n`);
}
