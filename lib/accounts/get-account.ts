import 'server-only';
import { db } from '@/lib/db/client';
import { passkeyProvider, type PasskeyProvider } from '@/lib/webauthn/aaguids';

export interface PasskeyView {
  id: string;
  name: string;
  provider: PasskeyProvider | null;
  /** Backup eligible (multi-device): the provider can sync it to the person's other devices. */
  synced: boolean;
  backedUp: boolean;
  transports: string[];
  createdAt: Date;
  createdOnSite: string;
  lastUsedAt: Date | null;
  lastUsedOnSite: string | null;
}

export interface Account {
  /** userHandle: the WebAuthn user handle (base64url), which the Signal API calls name the account by. */
  user: { id: string; username: string; displayName: string; userHandle: string; createdAt: Date; createdOnSite: string };
  /** Whether the account can sign in with a password (the hash itself never leaves the server). */
  hasPassword: boolean;
  passkeys: PasskeyView[];
}

/** An account and its passkeys as the account page shows them, newest passkey first. */
export async function getAccount(userId: string): Promise<Account | null> {
  const user = await db.user.findUnique({ where: { id: userId }, include: { passkeys: { orderBy: { createdAt: 'desc' } } } });
  if (!user) return null;
  return {
    user: {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      userHandle: user.webauthnUserId,
      createdAt: user.createdAt,
      createdOnSite: user.createdOnSite,
    },
    hasPassword: user.passwordHash !== null,
    passkeys: user.passkeys.map((passkey) => ({
      id: passkey.id,
      name: passkey.name,
      provider: passkeyProvider(passkey.aaguid),
      synced: passkey.deviceType === 'multiDevice',
      backedUp: passkey.backedUp,
      transports: passkey.transports,
      createdAt: passkey.createdAt,
      createdOnSite: passkey.createdOnSite,
      lastUsedAt: passkey.lastUsedAt,
      lastUsedOnSite: passkey.lastUsedOnSite,
    })),
  };
}
