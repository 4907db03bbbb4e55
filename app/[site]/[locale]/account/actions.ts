'use server';

import { redirect } from 'next/navigation';
import { auth, signOut } from '@/auth';
import type { RenameState } from '@/components/passkeys/rename-passkey';
import { renamePasskey } from '@/lib/accounts/rename-passkey';
import { ApiError } from '@/lib/api/errors';

/** Ends the session (Auth.js revokes its database row too) and goes home. */
export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: '/' });
}

/** Renames one of the signed-in account's passkeys; the form shows the state it returns. */
export async function renamePasskeyAction(form: FormData): Promise<RenameState> {
  const session = await auth();
  if (!session) redirect('/signin');
  if (!(form instanceof FormData)) return { status: 'invalid' };
  const passkeyId = form.get('passkeyId');
  const name = form.get('name');
  if (typeof passkeyId !== 'string' || typeof name !== 'string') return { status: 'invalid' };
  try {
    // Someone else's passkey id renames nothing, and looks the same as a missing one.
    return (await renamePasskey({ userId: session.user.id, passkeyId, name })) ? { status: 'saved' } : { status: 'invalid' };
  } catch (error) {
    if (error instanceof ApiError) return { status: 'invalid' };
    throw error;
  }
}
