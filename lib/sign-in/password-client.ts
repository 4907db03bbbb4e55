import { postJson } from '@/lib/webauthn/client/api';

export interface PasswordSignedIn {
  user: { id: string; username: string; displayName: string };
  /** Whether the account has any passkey: decides the passkey offer. */
  hasPasskey: boolean;
}

/**
 * Offers the password to the browser's password manager after the server accepted it, where the
 * Credential Management API exists. Best effort: a browser may decline, or ask the person.
 */
async function offerToPasswordManager(username: string, password: string): Promise<void> {
  const PasswordCredentialClass = (globalThis as { PasswordCredential?: new (data: { id: string; password: string }) => Credential }).PasswordCredential;
  if (!PasswordCredentialClass) return;
  await navigator.credentials.store(new PasswordCredentialClass({ id: username, password })).catch(() => undefined);
}

export async function signInWithPassword(username: string, password: string): Promise<PasswordSignedIn> {
  const answer = await postJson<PasswordSignedIn>('/api/password/sign-in', { username, password });
  await offerToPasswordManager(username, password);
  return answer;
}

export async function signUpWithPassword(account: { username: string; displayName?: string; password: string }): Promise<void> {
  await postJson('/api/password/sign-up', account);
  await offerToPasswordManager(account.username, account.password);
}

/** Whether this browser can offer saved passwords in an immediate sign-in. */
export function passwordCredentialsExist(): boolean {
  return 'PasswordCredential' in globalThis;
}
