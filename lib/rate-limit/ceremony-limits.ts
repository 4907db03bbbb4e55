import 'server-only';
import type { BrowserBinding } from '@/lib/webauthn/browser-binding';
import { clientAddress } from './client-address';
import { enforceRateLimits, type Hit } from './rate-limit';

export type CeremonyStart = 'sign-in' | 'sign-up' | 'add-passkey' | 'reauthenticate';

/**
 * The limits on starting a ceremony: per client address and per browser binding, and tighter
 * ones for sign-up, which creates accounts and tells whether a username is taken. A binding made
 * by this very request is not counted: a client without cookies gets a new one each time, so
 * only its address can limit it.
 */
export function ceremonyStartHits(request: Request, binding: BrowserBinding, kind: CeremonyStart): Hit[] {
  const address = clientAddress(request.headers);
  const bindingHash = binding.newValue === undefined ? binding.hash : undefined;
  const hits: Hit[] = [
    { limit: 'ceremony:address', subject: address },
    { limit: 'ceremony:binding', subject: bindingHash },
  ];
  if (kind === 'sign-up') hits.push({ limit: 'sign-up:address', subject: address }, { limit: 'sign-up:binding', subject: bindingHash });
  return hits;
}

/**
 * Counts a ceremony's start on its own, for the starts that must be counted before anything else
 * is answered (a sign-up, before it tells whether the username is taken). A sign-in counts its
 * start in the statement that stores its challenge (`storeChallenge`).
 */
export async function limitCeremonyStart(request: Request, binding: BrowserBinding, kind: CeremonyStart): Promise<void> {
  await enforceRateLimits(ceremonyStartHits(request, binding, kind));
}
