import 'server-only';
import type { BrowserBinding } from '@/lib/webauthn/browser-binding';
import { clientAddress } from './client-address';
import { enforceRateLimits } from './rate-limit';

/**
 * The limits on what writes to a browser's trail outside a ceremony: reporting a browser-side
 * error, making a walkthrough link, following one. As with ceremonies, a binding made by this very
 * request is not counted (a client without cookies gets a new one each time): its address is.
 */
export async function limitTrailWrite(request: Request, binding: BrowserBinding, kind: 'report' | 'handoff' | 'join'): Promise<void> {
  const address = clientAddress(request.headers);
  const bindingHash = binding.newValue === undefined ? binding.hash : undefined;
  switch (kind) {
    case 'report':
      return enforceRateLimits([
        { limit: 'log-report:address', subject: address },
        { limit: 'log-report:binding', subject: bindingHash },
      ]);
    case 'handoff':
      return enforceRateLimits([
        { limit: 'handoff:address', subject: address },
        { limit: 'handoff:binding', subject: bindingHash },
      ]);
    case 'join':
      return enforceRateLimits([{ limit: 'handoff-join:address', subject: address }]);
  }
}
