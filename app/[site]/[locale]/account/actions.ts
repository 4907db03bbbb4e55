'use server';

import { signOut } from '@/auth';

/** Ends the session (Auth.js revokes its database row too) and goes home. */
export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: '/' });
}
