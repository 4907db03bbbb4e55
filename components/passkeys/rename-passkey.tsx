'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import type { Messages } from '@/lib/i18n/messages';
import { TextField } from './text-field';

type RenameMessages = Pick<Messages['account'], 'rename' | 'nameLabel' | 'save' | 'cancel' | 'renamed' | 'nameInvalid'>;

export type RenameState = { status: 'saved' | 'invalid' };

/** Saves the form's `passkeyId` and `name`: a server action the page passes in, since components never import from `app/`. */
export type RenamePasskeyAction = (form: FormData) => Promise<RenameState>;

/** A passkey's name, with an inline form to change it. */
export function RenamePasskey({
  passkeyId,
  name,
  rename,
  t,
}: {
  passkeyId: string;
  name: string;
  rename: RenamePasskeyAction;
  t: RenameMessages;
}) {
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const [outcome, setOutcome] = useState<RenameState['status'] | null>(null);
  const [pending, startTransition] = useTransition();

  function save(form: FormData) {
    startTransition(async () => {
      const { status } = await rename(form);
      setOutcome(status);
      if (status !== 'saved') return;
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
    <form action={save} aria-busy={pending} className="space-y-2">
      <input type="hidden" name="passkeyId" value={passkeyId} />
      <TextField label={t.nameLabel} name="name" defaultValue={name} maxLength={64} required autoFocus />
      {outcome === 'invalid' && (
        <p role="alert" className="text-sm text-red-800">
          {t.nameInvalid}
        </p>
      )}
      <div className="flex gap-2">
        <button type="submit" disabled={pending} className="rounded-md bg-brand px-3 py-1 text-sm font-semibold text-on-brand disabled:opacity-60">
          {t.save}
        </button>
        <button type="button" onClick={() => setEditing(false)} className="rounded-md px-3 py-1 text-sm ring-1 ring-slate-300">
          {t.cancel}
        </button>
      </div>
    </form>
  );
}
