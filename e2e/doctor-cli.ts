import { execFile } from 'node:child_process';
import path from 'node:path';

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `npm run doctor -- …` (tsx tools/doctor/cli.ts) aimed at this stack's edge, trusting its certificate. */
export function doctorThroughEdge(edgePort: number, extra: readonly string[] = []): Promise<Run> {
  const args = ['tools/doctor/cli.ts', 'https://example.com', '--proxy', `http://127.0.0.1:${edgePort}`, '--ca', '.edge/cert.pem', ...extra];
  return new Promise((resolve) => {
    execFile(path.resolve('node_modules/.bin/tsx'), args, { timeout: 110_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
    });
  });
}
