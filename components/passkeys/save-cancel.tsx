/** The Save and Cancel pair of an inline edit form (a passkey's name, the display name). */
export function SaveCancel({ pending, save, cancel, onCancel }: { pending: boolean; save: string; cancel: string; onCancel: () => void }) {
  return (
    <div className="flex gap-2">
      <button type="submit" disabled={pending} className="rounded-md bg-brand px-3 py-1 text-sm font-semibold text-on-brand disabled:opacity-60">
        {save}
      </button>
      <button type="button" onClick={onCancel} className="rounded-md px-3 py-1 text-sm ring-1 ring-slate-300">
        {cancel}
      </button>
    </div>
  );
}
