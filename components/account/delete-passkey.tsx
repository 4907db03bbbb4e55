'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { Messages } from '@/lib/i18n/messages';
import { ApiResponseError, postJson } from '@/lib/webauthn/client/api';
import { signalAcceptedCredentials } from '@/lib/webauthn/client/signals';
import { CeremonyNotice } from '../passkeys/ceremony-notice';
import { useAccountActions } from './account-actions';

interface Deleted {
  userHandle: string;
  remainingCredentialIds: string[];
}

/**
 * Deletes a passkey after an inline confirmation (and a fresh "it's you" when the session needs
 * one), then tells the passkey provider which passkeys the account still accepts, so it stops
 * offering this one.
 */
export function DeletePasskey({ passkeyId, t }: { passkeyId: string; t: Messages['manage'] }) {
  const router = useRouter();
  const { confirmed, site, describe } = useAccountActions();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function remove() {
    setBusy(true);
    setProblem(null);
    try {
      const deleted = await confirmed(() => postJson<Deleted>('/api/account/passkeys/delete', { passkeyId }));
      if (deleted) {
        await signalAcceptedCredentials(site.rpId, deleted.userHandle, deleted.remainingCredentialIds);
        router.refresh();
      }
    } catch (error) {
      setProblem(error instanceof ApiResponseError && error.code === 'LAST_SIGN_IN_METHOD' ? t.lastSignInMethod : describe(error));
    } finally {
      setBusy(false);
      setAsking(false);
    }
  }

  return (
    <div className="space-y-2">
      {asking ? (
        <div role="group" aria-label={t.deletePasskeyConfirm} className="flex flex-wrap items-center gap-2 text-sm">
          <span>{t.deletePasskeyConfirm}</span>
          <button type="button" disabled={busy} onClick={() => void remove()} className="rounded-md bg-red-700 px-3 py-1 font-semibold text-white disabled:opacity-60">
            {t.deletePasskeyYes}
          </button>
          <button type="button" onClick={() => setAsking(false)} className="rounded-md px-3 py-1 ring-1 ring-slate-300">
            {t.confirmCancel}
          </button>
        </div>
      ) : (
        <button type="button" onClick={() => setAsking(true)} className="text-sm text-red-800 underline">
          {t.deletePasskey}
        </button>
      )}
      <CeremonyNotice notice={problem ? { tone: 'alert', message: problem } : null} />
    </div>
  );
}
