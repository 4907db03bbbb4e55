import type { NextConfig } from 'next';
// Imported for its side effect: validating sites.config.ts here makes a bad configuration fail
// `next dev`, `next build` and `next start` before any request is served.
import './lib/sites/config';

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
};

export default nextConfig;
