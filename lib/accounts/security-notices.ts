import 'server-only';
import { sql } from '@/lib/db/sql';
import type { AccountEventKind } from './account-events';
import { browserKind } from './user-agent';

/**
 * - `passkey-added`, `passkey-deleted`: detail is the passkey's name.
 * - `new-browser`: a sign-in (or sign-up) from a kind of browser the account had not used
 *   before; detail is it in words ("Chrome on macOS").
 * - `failed-sign-in`: a refused sign-in or reauthentication with one of the account's passkeys;
 *   detail is the passkey's name, while it exists.
 * - `counter-regression`: a passkey's signature counter went backwards (refused): the passkey
 *   may have been copied. Detail as for failed-sign-in.
 */
export type SecurityNoticeKind = AccountEventKind | 'new-browser' | 'failed-sign-in' | 'counter-regression';

export interface SecurityNotice {
  kind: SecurityNoticeKind;
  at: Date;
  siteId: string;
  detail?: string;
}

interface NoticeRow {
  kind: SecurityNoticeKind;
  at: Date;
  siteId: string;
  detail: string | null;
}

/**
 * The account's recent security events, newest first, from rows already recorded: account events
 * (passkeys added and deleted), failed passkey sign-ins and counter regressions (sign_in_events),
 * and sign-ins from a new kind of browser (sessions). They look back as far as those rows are
 * kept: 30 days for account events and failed attempts, and for sessions 30 days after they
 * ended, so a browser unused for longer counts as new again.
 */
export async function securityNotices(userId: string, limit = 20): Promise<SecurityNotice[]> {
  const [recorded, sessions] = await Promise.all([
    sql<NoticeRow>(
      'security-notices',
      `(SELECT kind, at, site_id AS "siteId", detail FROM account_events WHERE user_id = $1::uuid ORDER BY at DESC LIMIT $2)
       UNION ALL
       (SELECT CASE WHEN e.error_code = 'COUNTER_REGRESSION' THEN 'counter-regression' ELSE 'failed-sign-in' END,
               e.at, e.site_id, p.name
        FROM sign_in_events e LEFT JOIN passkeys p ON p.id = e.passkey_id
        WHERE e.user_id = $1::uuid AND NOT e.success AND e.method = 'passkey'
        ORDER BY e.at DESC LIMIT $2)`,
      [userId, limit],
    ),
    sql<{ createdAt: Date; siteId: string; userAgent: string | null }>(
      'sessions-for-notices',
      `SELECT created_at AS "createdAt", site_id AS "siteId", user_agent AS "userAgent" FROM sessions WHERE user_id = $1::uuid ORDER BY created_at`,
      [userId],
    ),
  ]);
  return [...recorded.map(notice), ...newBrowsers(sessions)].sort((a, b) => b.at.getTime() - a.at.getTime()).slice(0, limit);
}

function notice({ kind, at, siteId, detail }: NoticeRow): SecurityNotice {
  return detail === null ? { kind, at, siteId } : { kind, at, siteId, detail };
}

/** Sessions, oldest first, opened by a kind of browser none before them had: the first one is where the account began. */
function newBrowsers(sessions: { createdAt: Date; siteId: string; userAgent: string | null }[]): SecurityNotice[] {
  const seen = new Set<string | null>();
  const notices: SecurityNotice[] = [];
  for (const session of sessions) {
    const kind = browserKind(session.userAgent);
    if (seen.size > 0 && !seen.has(kind)) notices.push(notice({ kind: 'new-browser', at: session.createdAt, siteId: session.siteId, detail: kind }));
    seen.add(kind);
  }
  return notices;
}
