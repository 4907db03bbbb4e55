import type { Notice } from '@/lib/webauthn/client/ceremony-error';

const toneClass: Record<Notice['tone'], string> = {
  alert: 'border-red-300 bg-red-50 text-red-900',
  status: 'border-slate-300 bg-white text-slate-800',
};

/** A ceremony's outcome: `role="alert"` interrupts for failures, `role="status"` waits its turn. */
export function CeremonyNotice({ notice }: { notice: Notice | null }) {
  if (!notice) return null;
  return (
    <p role={notice.tone} className={`rounded-lg border p-3 text-sm ${toneClass[notice.tone]}`}>
      {notice.message}
    </p>
  );
}
