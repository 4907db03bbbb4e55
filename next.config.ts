import type { NextConfig } from 'next';
// Checking the environment and validating sites.config.ts here makes a missing secret or a bad
// configuration fail `next dev`, `next build` and `next start` before any request is served.
import { checkEnv, stageForPhase } from './lib/env/check-env';
import { allHostnames } from './lib/sites/config';

/**
 * A function of the phase, because what must be set depends on it: `next start` needs
 * AUTH_SECRET and DATABASE_URL; `next build` needs them only on Vercel, where a build goes live,
 * and not in `npm test` or `npm run bench`, which build on machines with no environment and
 * pass both to what they start (lib/env/check-env.ts explains each stage).
 */
export default function nextConfig(phase: string): NextConfig {
  const env = checkEnv(process.env, stageForPhase(phase));
  return {
    reactStrictMode: true,
    poweredByHeader: false,
    // `next dev` refuses its scripts and HMR to pages on any host but localhost; the sites are
    // served on their real hostnames through the local edge.
    allowedDevOrigins: allHostnames(),
    // `npm run bench` builds and starts with ATLAS_BENCH_BUILD=1. Its `*.bench.ts` route (a no-op,
    // to measure the framework's own ceiling) exists in that build only, which goes to its own
    // folder so it never replaces the production build in .next. Its type check is skipped (npm
    // run check does it), and it reads a tsconfig that extends the real one, which Next.js then
    // leaves unedited.
    ...(env.ATLAS_BENCH_BUILD && {
      distDir: '.next-bench',
      pageExtensions: ['bench.ts', 'tsx', 'ts', 'jsx', 'js'],
      typescript: { tsconfigPath: 'bench/tsconfig.next.json', ignoreBuildErrors: true },
    }),
  };
}
