import type { SecurityNotice } from '@/lib/accounts/security-notices';
import { format, type Messages } from '@/lib/i18n/messages';
import { siteById } from '@/lib/sites/config';

const MESSAGE: Record<SecurityNotice['kind'], keyof Messages['manage']> = {
  'passkey-added': 'noticePasskeyAdded',
  'passkey-deleted': 'noticePasskeyDeleted',
  'new-browser': 'noticeNewBrowser',
  'failed-sign-in': 'noticeFailedSignIn',
  'counter-regression': 'noticeCounterRegression',
};

/** Recent security events of the account, newest first, from the rows the server already keeps. */
export function SecurityNotices({ notices, t, dates }: { notices: SecurityNotice[]; t: Messages['manage']; dates: Intl.DateTimeFormat }) {
  if (notices.length === 0) return <p className="text-sm text-slate-600">{t.noNotices}</p>;
  return (
    <ul aria-label={t.noticesLabel} className="divide-y divide-slate-200 rounded-xl bg-white text-sm shadow-sm ring-1 ring-slate-200">
      {notices.map((notice) => (
        <li key={`${notice.kind}-${notice.at.toISOString()}-${notice.siteId}`} className={`px-4 py-2 ${notice.kind === 'counter-regression' ? 'font-medium text-red-800' : ''}`}>
          {format(t[MESSAGE[notice.kind]], { site: siteById(notice.siteId)?.name ?? notice.siteId, date: dates.format(notice.at), detail: notice.detail ?? '' })}
        </li>
      ))}
    </ul>
  );
}
