import 'server-only';
import { isIPv4, isIPv6 } from 'node:net';
import { env } from '@/lib/env/env';

/**
 * The client's address, from the header a trusted proxy sets, or undefined when none is
 * configured. Next.js does not expose the socket's address, and any header a client can send
 * itself would let it pick its own rate-limit bucket, so the header is read only when the
 * deployment names it (TRUSTED_CLIENT_IP_HEADER: `x-forwarded-for` on Vercel and behind the local
 * edge, both of which overwrite what the client sent).
 *
 * For x-forwarded-for the rightmost entry is taken: it was added by the nearest proxy, the only
 * one trusted. IPv6 addresses are cut to their /64, which one subscriber usually holds whole.
 */
export function clientAddress(headers: Headers, trustedHeader: string | undefined = env.TRUSTED_CLIENT_IP_HEADER): string | undefined {
  if (!trustedHeader) return undefined;
  const value = headers.get(trustedHeader);
  if (!value) return undefined;
  const address = (value.split(',').at(-1) ?? '').trim();
  if (isIPv4(address)) return address;
  if (isIPv6(address)) return ipv6Prefix(address);
  return undefined;
}

function ipv6Prefix(address: string): string {
  const [head = '', tail = ''] = address.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  // An embedded IPv4 tail (::ffff:1.2.3.4) counts as two groups; it lies past the /64 anyway.
  const missing = 8 - headGroups.length - tailGroups.length - tailGroups.filter((g) => g.includes('.')).length;
  const groups = address.includes('::') ? [...headGroups, ...Array<string>(Math.max(missing, 0)).fill('0'), ...tailGroups] : headGroups;
  return `${groups
    .slice(0, 4)
    .map((g) => Number.parseInt(g || '0', 16).toString(16))
    .join(':')}::/64`;
}
