import 'server-only';
import type { BrowserBinding } from '@/lib/webauthn/browser-binding';
import { clientAddress } from './client-address';
import { enforceRateLimits, type Hit } from './rate-limit';

/**
 * The limits on starting a ceremony: per client address and per browser binding, and tighter
 * ones for sign-up, which creates accounts and tells whether a username is taken. A binding made
 * by this very request is not counted: a client without cookies gets a new one each time, so
 * only its address can limit it.
 */
export async function limitCeremonyStart(request: Request, binding: BrowserBinding, kind: 'sign-in' | 'sign-up' | 'add-passkey' | 'reauthenticate'): Promise<void> {
  const address = clientAddress(request.headers);
  const bindingHash = binding.newValue === undefined ? binding.hash : undefined;
  const hits: Hit[] = [
    { limit: 'ceremony:address', subject: address },
    { limit: 'ceremony:binding', subject: bindingHash },
  ];
  if (kind === 'sign-up') hits.push({ limit: 'sign-up:address', subject: address }, { limit: 'sign-up:binding', subject: bindingHash });
  await enforceRateLimits(hits);
}
