'use client';

import { useState, type FormEvent } from 'react';
import type { Messages } from '@/lib/i18n/messages';
import { ApiResponseError, postJson } from '@/lib/webauthn/client/api';
import { signalAcceptedCredentials } from '@/lib/webauthn/client/signals';
import { CeremonyNotice } from '../passkeys/ceremony-notice';
import { TextField } from '../passkeys/text-field';
import { useAccountActions } from './account-actions';

/**
 * Deletes the account after the person types its username (and confirms it is them), then tells
 * the passkey provider that the account accepts no passkey any more, so it drops them.
 */
export function DeleteAccount({ t }: { t: Messages['manage'] }) {
  const { confirmed, site, userHandle, describe } = useAccountActions();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const username = String(new FormData(event.currentTarget).get('username') ?? '');
    setBusy(true);
    setProblem(null);
    try {
      const deleted = await confirmed(() => postJson('/api/account/delete', { username }));
      if (deleted === null) {
        setBusy(false);
        return;
      }
    } catch (error) {
      setProblem(error instanceof ApiResponseError && error.code === 'CONFIRMATION_MISMATCH' ? t.deleteAccountMismatch : describe(error));
      setBusy(false);
      return;
    }
    await signalAcceptedCredentials(site.rpId, userHandle, []);
    // A full load: every part of the page belonged to the account that is gone.
    window.location.replace('/');
  }

  return (
    <form onSubmit={(event) => void submit(event)} aria-label={t.deleteAccountHeading} aria-busy={busy} className="space-y-3">
      <TextField name="username" label={t.deleteAccountLabel} autoComplete="off" autoCapitalize="none" spellCheck={false} required />
      <button type="submit" disabled={busy} className="rounded-lg bg-red-700 px-4 py-2 font-semibold text-white hover:bg-red-800 disabled:opacity-60">
        {t.deleteAccountButton}
      </button>
      <CeremonyNotice notice={problem ? { tone: 'alert', message: problem } : null} />
    </form>
  );
}
