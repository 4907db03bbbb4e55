import type { NextConfig } from 'next';
// Validating sites.config.ts here makes a bad configuration fail `next dev`, `next build` and
// `next start` before any request is served.
import { allHostnames } from './lib/sites/config';

// `npm run bench` builds and starts with this flag. Its `*.bench.ts` route (a no-op, to measure
// the framework's own ceiling) exists in that build only, which goes to its own folder so it
// never replaces the production build in .next. Its type check is skipped (npm run check does
// it), and it reads a tsconfig that extends the real one, which Next.js then leaves unedited.
const benchBuild = process.env.ATLAS_BENCH_BUILD === '1';

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // `next dev` refuses its scripts and HMR to pages on any host but localhost; the sites are
  // served on their real hostnames through the local edge.
  allowedDevOrigins: allHostnames(),
  ...(benchBuild && {
    distDir: '.next-bench',
    pageExtensions: ['bench.ts', 'tsx', 'ts', 'jsx', 'js'],
    typescript: { tsconfigPath: 'bench/tsconfig.next.json', ignoreBuildErrors: true },
  }),
};

export default nextConfig;
