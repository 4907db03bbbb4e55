import type { NextConfig } from 'next';
// Validating sites.config.ts here makes a bad configuration fail `next dev`, `next build` and
// `next start` before any request is served.
import { allHostnames } from './lib/sites/config';

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // `next dev` refuses its scripts and HMR to pages on any host but localhost; the sites are
  // served on their real hostnames through the local edge.
  allowedDevOrigins: allHostnames(),
};

export default nextConfig;
