import 'server-only';
import aaguids from '@/data/passkey-aaguids.json';

export interface PasskeyProvider {
  name: string;
  iconLight?: string;
  iconDark?: string;
}

type Entry = { name: string; icon_light?: string; icon_dark?: string };
const providers: Record<string, Entry | undefined> = aaguids;

/**
 * The provider (password manager, platform) that made a passkey, from its AAGUID. Unknown or
 * all-zero AAGUIDs (providers that do not identify themselves) give null.
 */
export function passkeyProvider(aaguid: string): PasskeyProvider | null {
  const entry = providers[aaguid.toLowerCase()];
  if (!entry) return null;
  return { name: entry.name, iconLight: entry.icon_light, iconDark: entry.icon_dark };
}
