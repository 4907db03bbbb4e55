'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition, type FormEvent } from 'react';
import type { Messages } from '@/lib/i18n/messages';
import { ApiResponseError, postJson } from '@/lib/webauthn/client/api';
import { signalCurrentUser } from '@/lib/webauthn/client/signals';
import { CeremonyNotice } from '../passkeys/ceremony-notice';
import { SaveCancel } from '../passkeys/save-cancel';
import { TextField } from '../passkeys/text-field';
import { useAccountActions } from './account-actions';

type DisplayNameMessages = Pick<Messages['account'], 'displayName' | 'save' | 'cancel' | 'renameFailed'> & Pick<Messages['manage'], 'displayNameEdit' | 'displayNameSaved'> & { invalid: string };

/** The display name, editable; the passkey provider is told the new one (signalCurrentUserDetails). */
export function DisplayName({ value, t }: { value: string; t: DisplayNameMessages }) {
  const router = useRouter();
  const { site } = useAccountActions();
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<{ tone: 'alert' | 'status'; message: string } | null>(null);
  const [pending, startTransition] = useTransition();

  function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const displayName = String(new FormData(event.currentTarget).get('displayName') ?? '');
    startTransition(async () => {
      try {
        const saved = await postJson<{ displayName: string; username: string; userHandle: string }>('/api/account/display-name', { displayName });
        await signalCurrentUser(site.rpId, saved.userHandle, saved.username, saved.displayName);
      } catch (error) {
        setNotice({ tone: 'alert', message: error instanceof ApiResponseError && error.code === 'INVALID_DISPLAY_NAME' ? t.invalid : t.renameFailed });
        return;
      }
      setEditing(false);
      setNotice({ tone: 'status', message: t.displayNameSaved });
      router.refresh();
    });
  }

  return (
    <div className="space-y-2">
      {editing ? (
        <form onSubmit={save} aria-busy={pending} className="space-y-2">
          <TextField name="displayName" label={t.displayName} defaultValue={value} maxLength={64} autoFocus />
          <SaveCancel pending={pending} save={t.save} cancel={t.cancel} onCancel={() => setEditing(false)} />
        </form>
      ) : (
        <dl className="flex flex-wrap items-center gap-2">
          <dt className="text-slate-600">{t.displayName}</dt>
          <dd className="font-medium">{value}</dd>
          <dd>
            <button type="button" onClick={() => setEditing(true)} className="text-sm text-brand underline">
              {t.displayNameEdit}
            </button>
          </dd>
        </dl>
      )}
      <CeremonyNotice notice={notice} />
    </div>
  );
}
