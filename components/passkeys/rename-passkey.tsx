'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition, type FormEvent } from 'react';
import type { Messages } from '@/lib/i18n/messages';
import { ApiResponseError, postJson } from '@/lib/webauthn/client/api';
import { SaveCancel } from './save-cancel';
import { TextField } from './text-field';

type RenameMessages = Pick<Messages['account'], 'rename' | 'nameLabel' | 'save' | 'cancel' | 'renamed' | 'nameInvalid' | 'renameFailed'>;

type Outcome = 'saved' | 'invalid' | 'failed';

/** A passkey's name, with an inline form that saves it through POST /api/account/passkeys/rename. */
export function RenamePasskey({ passkeyId, name, t }: { passkeyId: string; name: string; t: RenameMessages }) {
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [pending, startTransition] = useTransition();

  function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const newName = new FormData(event.currentTarget).get('name');
    startTransition(async () => {
      try {
        await postJson('/api/account/passkeys/rename', { passkeyId, name: typeof newName === 'string' ? newName : '' });
      } catch (error) {
        if (error instanceof ApiResponseError && error.code === 'NOT_SIGNED_IN') return router.push('/signin');
        setOutcome(error instanceof ApiResponseError && error.code === 'INVALID_PASSKEY_NAME' ? 'invalid' : 'failed');
        return;
      }
      setOutcome('saved');
      setEditing(false);
      // The list is server-rendered: fetch it again to show the new name.
      router.refresh();
    });
  }

  if (!editing) {
    return (
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-medium">{name}</span>
        <button type="button" onClick={() => setEditing(true)} className="text-sm text-brand underline">
          {t.rename}
        </button>
        {outcome === 'saved' && (
          <span role="status" className="text-sm text-slate-600">
            {t.renamed}
          </span>
        )}
      </div>
    );
  }

  return (
    <form onSubmit={save} aria-busy={pending} className="space-y-2">
      <TextField label={t.nameLabel} name="name" defaultValue={name} maxLength={64} required autoFocus />
      {(outcome === 'invalid' || outcome === 'failed') && (
        <p role="alert" className="text-sm text-red-800">
          {outcome === 'invalid' ? t.nameInvalid : t.renameFailed}
        </p>
      )}
      <SaveCancel pending={pending} save={t.save} cancel={t.cancel} onCancel={() => setEditing(false)} />
    </form>
  );
}
