import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { projectRoot } from '@/tools/db/paths';

// `npm run db:generate`: the local `prisma generate`, made to work offline.
//
// The Prisma CLI insists that a schema-engine binary exists before `generate` runs, and downloads
// one from Prisma's server when it does not, which fails offline. `generate` never executes that
// engine, so any existing file satisfies the check. It is set for this child process only, so
// the user's own `prisma migrate` still fetches the real engine.
const cli = createRequire(import.meta.url).resolve('prisma/build/index.js');
const env = { ...process.env };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;

const child = spawn(process.execPath, [cli, 'generate', ...process.argv.slice(2)], {
  cwd: projectRoot,
  env,
  stdio: 'inherit',
});
child.on('exit', (code) => {
  process.exit(code ?? 1);
});
