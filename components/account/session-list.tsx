'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { format } from '@/lib/i18n/format';
import type { Messages } from '@/lib/i18n/messages';
import { postJson } from '@/lib/webauthn/client/api';
import { CeremonyNotice } from '../passkeys/ceremony-notice';
import { useAccountActions } from './account-actions';

/** One signed-in browser as the page shows it; dates already formatted on the server. */
export interface SessionRow {
  handle: string;
  site: string;
  browser: string;
  os: string;
  created: string;
  lastSeen: string;
  current: boolean;
}

/**
 * Every browser signed in to the account on any site of the family. Ending this session is a
 * sign-out; ending another, or all others, needs a fresh confirmation.
 */
export function SessionList({ sessions, t }: { sessions: SessionRow[]; t: Messages['manage'] }) {
  const router = useRouter();
  const { confirmed, describe } = useAccountActions();
  const [notice, setNotice] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  async function end(run: () => Promise<unknown>, done: string, afterwards: () => void) {
    setProblem(null);
    try {
      if ((await confirmed(run)) === null) return;
    } catch (error) {
      setProblem(describe(error));
      return;
    }
    setNotice(done);
    afterwards();
  }

  const others = sessions.filter((session) => !session.current);
  return (
    <div className="space-y-3">
      <ul aria-label={t.sessionsLabel} className="divide-y divide-slate-200 rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
        {sessions.map((session) => (
          <li key={session.handle} className="flex flex-wrap items-center justify-between gap-2 px-4 py-3">
            <div className="min-w-0 space-y-0.5">
              <p className="font-medium">
                {format(t.sessionLine, { browser: session.browser, os: session.os })}
                {session.current && <span className="ml-2 rounded-full bg-surface px-2 py-0.5 text-xs font-medium ring-1 ring-brand">{t.thisSession}</span>}
              </p>
              <p className="text-sm text-slate-600">{format(t.sessionWhere, { site: session.site, created: session.created, seen: session.lastSeen })}</p>
            </div>
            <button
              type="button"
              onClick={() =>
                void end(
                  () => postJson('/api/account/sessions/end', { handle: session.handle }),
                  t.sessionEnded,
                  // Ending this very session is a sign-out: leave the account page.
                  session.current ? () => router.push('/') : () => router.refresh(),
                )
              }
              aria-label={`${t.sessionSignOut}: ${format(t.sessionLine, { browser: session.browser, os: session.os })}, ${session.site}`}
              className="rounded-md px-3 py-1 text-sm ring-1 ring-slate-300 hover:bg-surface"
            >
              {t.sessionSignOut}
            </button>
          </li>
        ))}
      </ul>
      {others.length > 0 ? (
        <button
          type="button"
          onClick={() => void end(() => postJson('/api/account/sessions/end-others', {}), t.othersEnded, () => router.refresh())}
          className="rounded-lg px-4 py-2 font-medium ring-1 ring-slate-300 hover:bg-white"
        >
          {t.signOutOthers}
        </button>
      ) : (
        <p className="text-sm text-slate-600">{t.noOtherSessions}</p>
      )}
      <CeremonyNotice notice={problem ? { tone: 'alert', message: problem } : notice ? { tone: 'status', message: notice } : null} />
    </div>
  );
}
