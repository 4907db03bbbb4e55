import 'server-only';
import { db, DatabaseNotConfiguredError } from './client';
import { databaseUnavailable } from './database-unavailable';

export type PingResult = { ok: true } | { ok: false; reason: string };

/** The part of a Prisma client a ping needs; lets tests pass a client of their own. */
export interface Pingable {
  $queryRaw(query: TemplateStringsArray, ...values: unknown[]): PromiseLike<unknown>;
}

export interface PingOptions {
  /** Default: the app's client (`db`). */
  client?: Pingable;
  /** Default 2000 ms: a health check must answer even when the database hangs. */
  timeoutMs?: number;
}

/** Whether the database answers `SELECT 1` in time. Never throws. */
export async function pingDatabase(options: PingOptions = {}): Promise<PingResult> {
  const timeoutMs = options.timeoutMs ?? 2_000;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<PingResult>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, reason: `no answer within ${timeoutMs} ms` }), timeoutMs);
  });
  const answered = (async (): Promise<PingResult> => {
    // Inside the async function, so a missing DATABASE_URL (thrown by `db`) becomes a result too.
    await (options.client ?? db).$queryRaw`SELECT 1`;
    return { ok: true };
  })().catch((error: unknown): PingResult => ({ ok: false, reason: failureReason(error) }));
  try {
    return await Promise.race([answered, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A reason from our own words, never the driver's text: that names hosts, ports and users, and
 * the health endpoint shows the reason to anyone. The detail of an unexpected failure goes to the
 * server's log instead.
 */
function failureReason(error: unknown): string {
  if (error instanceof DatabaseNotConfiguredError) return error.message;
  const outage = databaseUnavailable(error);
  if (outage) return outage;
  console.error('database ping failed:', error);
  return 'unexpected error (see the server log)';
}
