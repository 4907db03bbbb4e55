import type { SiteConfigInput } from './lib/sites/schema';

/**
 * The site family. Deployers edit this file to use their own domains: keep rpId equal to the
 * primary hostname of one listed site, and list at most five distinct labels (see README).
 * It is validated when Next.js loads its config, so a mistake fails `next dev`, `next build`
 * and `next start` with a message naming the field.
 */
const sites = {
  rpId: 'example.com',
  sites: [
    {
      id: 'shop',
      name: 'Example',
      hostnames: ['example.com', 'www.example.com'],
      listed: true,
      locale: 'en',
      theme: { brand: '#1d4ed8', onBrand: '#ffffff', surface: '#eff6ff', mark: 'E' },
    },
    {
      id: 'uk',
      name: 'Example UK',
      hostnames: ['example.co.uk'],
      listed: true,
      locale: 'en-GB',
      theme: { brand: '#9f1239', onBrand: '#ffffff', surface: '#fff1f2', mark: 'UK' },
    },
    {
      id: 'jp',
      name: 'Example Japan',
      hostnames: ['example.co.jp'],
      listed: true,
      locale: 'ja',
      theme: { brand: '#b91c1c', onBrand: '#ffffff', surface: '#fef2f2', mark: 'JP' },
    },
    {
      id: 'rewards',
      name: 'Example Rewards',
      hostnames: ['example-rewards.com'],
      listed: true,
      locale: 'en',
      demoAction: 'redeem-points',
      theme: { brand: '#6d28d9', onBrand: '#ffffff', surface: '#f5f3ff', mark: 'R' },
    },
    {
      id: 'outlet',
      name: 'Example Outlet',
      hostnames: ['example-outlet.com'],
      listed: false,
      locale: 'en',
      theme: { brand: '#047857', onBrand: '#ffffff', surface: '#ecfdf5', mark: 'O' },
    },
  ],
} satisfies SiteConfigInput;

export default sites;
