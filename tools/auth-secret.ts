import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const SECRET_FILE = path.resolve('.data/auth-secret');

/**
 * AUTH_SECRET signs session cookies. Deployments set it; locally a random one is made once and
 * kept in the git-ignored .data folder, so sessions survive restarts without any set-up.
 */
export function ensureAuthSecret(env: NodeJS.ProcessEnv): string {
  if (env.AUTH_SECRET) return env.AUTH_SECRET;
  if (fs.existsSync(SECRET_FILE)) return fs.readFileSync(SECRET_FILE, 'utf8').trim();
  const secret = randomBytes(32).toString('base64url');
  fs.mkdirSync(path.dirname(SECRET_FILE), { recursive: true });
  fs.writeFileSync(SECRET_FILE, `${secret}\n`, { mode: 0o600 });
  return secret;
}
