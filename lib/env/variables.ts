// Relative imports only, and no 'server-only': next.config.ts loads this file through a loader
// that applies neither tsconfig paths nor the react-server condition. It holds no values, only
// the rules; lib/env/server-env.ts is what the app reads them through.
import { z } from 'zod';

/** An environment as Node gives it (process.env) or a test writes it. */
export type EnvSource = Readonly<Record<string, string | undefined>>;

/**
 * AUTH_SECRET's strength, in bytes of key material. Text made only of base64 or base64url
 * characters (optionally `=`-padded), which is what `openssl rand -base64 32`, `npx auth secret`
 * and `node -e "…randomBytes(32).toString('base64url')"` print, counts as the bytes it decodes
 * to, 6 bits a character: a 44-character `openssl rand -base64 32` is 32 bytes, and a
 * 32-character string of letters is only 24. Any other text counts as its UTF-8 bytes.
 */
export function authSecretBytes(secret: string): number {
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(secret)) return Math.floor((secret.replace(/=+$/, '').length * 6) / 8);
  return new TextEncoder().encode(secret).length;
}

export const AUTH_SECRET_MIN_BYTES = 32;

export const AUTH_SECRET_COMMAND = 'openssl rand -base64 32';

/** Where a deployer sets a variable: the same words in every message. */
const ON_VERCEL = 'on Vercel: Project → Settings → Environment Variables, then redeploy';

// Empty means unset: `AUTH_SECRET=` in a .env file, or a value cleared in a dashboard.
const unsetIfEmpty = (value: unknown) => (value === '' ? undefined : value);

const optional = <T extends z.ZodType>(schema: T) => z.preprocess(unsetIfEmpty, schema.optional());

// The default inside the preprocess, so that an empty value gets it too.
const withDefault = <T extends z.ZodType>(schema: T, value: z.util.NoUndefined<z.output<T>>) =>
  z.preprocess(unsetIfEmpty, schema.default(value));

const integer = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

const flag = z.enum(['0', '1'], 'must be 1 (on) or 0 (off)').transform((value) => value === '1');

const postgresUrl = z.string().refine((value) => /^postgres(ql)?:\/\/[^/]/.test(value) && URL.canParse(value), {
  message: 'must be a PostgreSQL connection string such as postgresql://user:password@host/database?sslmode=require',
});

const port = integer(1, 65_535);

// A DNS name as Vercel gives it: no scheme, no path.
const hostname = z.string().regex(/^[a-z0-9.-]+$/, 'must be a bare hostname such as my-app-git-main-team.vercel.app');

interface Variable<S extends z.ZodType> {
  schema: S;
  /** Why the app reads it, in one line. */
  why: string;
  /** How to set it, in one line. */
  set: string;
}

const variable = <S extends z.ZodType>(definition: Variable<S>) => definition;

/**
 * Every environment variable the app reads, its type and default, why it is read, and how to
 * set it. `.env.example` and docs/deploy-vercel.md describe the same list.
 */
export const VARIABLES = {
  DATABASE_URL: variable({
    schema: optional(postgresUrl),
    why: 'it names the PostgreSQL database every instance shares, where accounts, passkeys, challenges and sessions live',
    set: `a pooled connection string (Neon: Connect → Connection pooling on, a host ending in -pooler), ${ON_VERCEL}; or in .env.local for npm start (npm run dev needs none: it starts an embedded PostgreSQL)`,
  }),
  DATABASE_URL_UNPOOLED: variable({
    schema: optional(postgresUrl),
    why: 'npm run db:migrate prefers it to DATABASE_URL: the migration lock belongs to one database session, which a transaction-mode pooler does not keep',
    set: `the direct (unpooled) connection string of the same database; Neon's Vercel integration sets it. ${ON_VERCEL}`,
  }),
  DATABASE_POOL_SIZE: variable({
    schema: withDefault(integer(1, 100), 10),
    why: 'it caps the connections one instance opens, and serverless instances multiply it',
    set: 'a whole number, default 10; 3 on Vercel with a pooled connection string (docs/deploy-vercel.md says why)',
  }),
  ATLAS_EMBEDDED_DATABASE: variable({
    schema: withDefault(flag, false),
    why: 'it lets a production start (npm start) run the embedded PostgreSQL, whose data stays on this one machine',
    set: 'ATLAS_EMBEDDED_DATABASE=1 npm start, for a demo or a test on one machine only; it cannot work on Vercel',
  }),
  AUTH_SECRET: variable({
    schema: optional(
      z.string().superRefine((secret, ctx) => {
        const bytes = authSecretBytes(secret);
        if (bytes >= AUTH_SECRET_MIN_BYTES) return;
        ctx.addIssue({
          code: 'custom',
          message: `is ${bytes} bytes; at least ${AUTH_SECRET_MIN_BYTES} random bytes are needed (base64 text counts as the bytes it decodes to)`,
        });
      }),
    ),
    why: 'it encrypts the session cookies, which every instance must be able to read',
    set: `the output of \`${AUTH_SECRET_COMMAND}\` (or \`npx auth secret\`), ${ON_VERCEL}; or in .env.local for npm start. npm run dev makes one in .data/auth-secret`,
  }),
  TRUSTED_CLIENT_IP_HEADER: variable({
    schema: optional(z.string().regex(/^[A-Za-z0-9-]+$/, 'must be a header name such as x-forwarded-for').transform((name) => name.toLowerCase())),
    why: 'rate limits per client address read that header only, so it must be one the TLS proxy sets, overwriting what clients send',
    set: 'x-forwarded-for on Vercel and behind tools/edge; unset turns the per-address limits off',
  }),
  RATE_LIMIT_FACTOR: variable({
    schema: withDefault(z.string().transform(Number).pipe(z.number('must be a number').positive('must be above 0').finite()), 1),
    why: 'it multiplies every rate limit but the per-account password limit, for a load test or a workshop on one network',
    set: 'a number above 0, default 1',
  }),
  PASSWORD_THROTTLE_WINDOW_SECONDS: variable({
    schema: withDefault(integer(1, 24 * 60 * 60), 15 * 60),
    why: 'it is how long failed password sign-ins count against an account and an address',
    set: 'seconds, default 900, at most 86400 (the counters are kept a day)',
  }),
  PORT: variable({
    schema: withDefault(port, 3000),
    why: 'Next.js listens on it (npm run dev, npm start)',
    set: 'PORT=3001 npm start; Vercel sets its own',
  }),
  EDGE_PORT: variable({
    schema: withDefault(port, 3443),
    why: "the local HTTPS edge's HTTP proxy listens on it (npm run dev)",
    set: 'EDGE_PORT=3444 npm run dev',
  }),
  ATLAS_EDGE_PROXY_URL: variable({
    schema: optional(z.url('must be a URL such as http://127.0.0.1:3443')),
    why: 'the loopback index page shows it in the browser command for the local edge',
    set: 'set by tools/serve.ts when it starts the edge; not set by hand',
  }),
  ATLAS_EDGE_SPKI: variable({
    schema: optional(z.base64('must be the base64 SHA-256 of a public key')),
    why: "the loopback index page shows it (the edge certificate's key hash) in the browser command",
    set: 'set by tools/serve.ts when it starts the edge; not set by hand',
  }),
  ATLAS_BENCH_BUILD: variable({
    schema: withDefault(flag, false),
    why: 'npm run bench builds with its no-op route into .next-bench',
    set: 'set by bench/app-build.ts; not set by hand',
  }),
  ATLAS_SITE_CONFIG: variable({
    schema: withDefault(z.enum(['default', 'vercel-preview'], 'must be default or vercel-preview'), 'default'),
    why: "vercel-preview serves the family on the preview deployment's own *.vercel.app hostnames (lib/sites/preview.ts)",
    set: 'vercel-preview in the Preview environment only (Vercel: Environment Variables, scope Preview); default everywhere else',
  }),
  NODE_ENV: variable({
    schema: optional(z.enum(['development', 'production', 'test'], 'must be development, production or test')),
    why: 'Next.js sets it, and the proxy relaxes the script policy in development only',
    set: 'set by next dev, next build, next start and Vitest; not set by hand',
  }),
  VERCEL: variable({
    schema: optional(z.literal('1', 'is 1 when set by Vercel')).transform((value) => value === '1'),
    why: 'on Vercel, next build refuses to go on without AUTH_SECRET and DATABASE_URL',
    set: 'set by Vercel (and vercel build); not set by hand',
  }),
  VERCEL_ENV: variable({
    schema: optional(z.enum(['production', 'preview', 'development'], 'must be production, preview or development')),
    why: 'a preview site configuration must never reach production',
    set: 'set by Vercel; not set by hand',
  }),
  VERCEL_URL: variable({
    schema: optional(hostname),
    why: "it is the deployment's own *.vercel.app hostname, a related site of a preview family",
    set: 'set by Vercel when system environment variables are exposed (Settings → Environment Variables)',
  }),
  VERCEL_BRANCH_URL: variable({
    schema: optional(hostname),
    why: "it is the branch's *.vercel.app hostname, the RP ID of a preview family",
    set: 'set by Vercel when system environment variables are exposed (Settings → Environment Variables)',
  }),
} as const;

export type VariableName = keyof typeof VARIABLES;

export type AppEnv = { readonly [N in VariableName]: z.output<(typeof VARIABLES)[N]['schema']> };

/** One variable that is missing where it is required, or whose value is not valid. */
export interface EnvProblem {
  name: VariableName;
  message: string;
}

/** Every problem with the environment at once, each naming its variable, why and how to set it. */
export class EnvError extends Error {
  constructor(
    readonly problems: readonly EnvProblem[],
    where: string,
  ) {
    super(`The environment is not ready for ${where}:\n${problems.map((problem) => `  - ${problem.message}`).join('\n')}`);
    this.name = 'EnvError';
  }
}

/** The message for a variable that must be set here. */
export function missingMessage(name: VariableName, because?: string): string {
  const { why, set } = VARIABLES[name];
  return `${name} is not set${because ? ` (${because})` : ''}. It is needed because ${why}. Set it: ${set}.`;
}

/** Parses one variable: its value, or the message that names it, says why and how to set it. */
export function parseVariable<N extends VariableName>(name: N, source: EnvSource): { value: AppEnv[N] } | { problem: EnvProblem } {
  const result = VARIABLES[name].schema.safeParse(source[name]);
  if (result.success) return { value: result.data as AppEnv[N] };
  const { why, set } = VARIABLES[name];
  const issue = result.error.issues[0]?.message ?? 'is not valid';
  return { problem: { name, message: `${name} ${issue}. It is read because ${why}. Set it: ${set}.` } };
}
