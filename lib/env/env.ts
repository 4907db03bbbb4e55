// No 'server-only' marker: lib/rate-limit/limits.ts reads it and is plain data that Playwright
// specs import in Node too. The values stay on the server all the same: a browser bundle has no
// process.env to read, and what reads AUTH_SECRET (lib/auth/session-cookie.ts) is server-only.
import { EnvError, parseVariable, VARIABLES, type AppEnv, type VariableName } from './variables';

const cache = new Map<VariableName, { raw: string | undefined; value: unknown }>();

/**
 * The environment as the app reads it: each property is its variable parsed by its rule in
 * variables.ts, with its default. The whole environment was checked when the server started
 * (next.config.ts, tools/serve.ts); each read parses its one variable again only when the raw
 * value changed since the last read, which in a server is never and in a test is after
 * vi.stubEnv. An invalid value throws an EnvError naming the variable.
 */
export const env: AppEnv = Object.defineProperties(
  {},
  Object.fromEntries(
    (Object.keys(VARIABLES) as VariableName[]).map((name) => [name, { enumerable: true, get: () => read(name) }]),
  ),
) as AppEnv;

function read(name: VariableName): unknown {
  const raw = process.env[name];
  const cached = cache.get(name);
  if (cached && cached.raw === raw) return cached.value;
  const parsed = parseVariable(name, { [name]: raw });
  if ('problem' in parsed) throw new EnvError([parsed.problem], 'this request');
  cache.set(name, { raw, value: parsed.value });
  return parsed.value;
}
