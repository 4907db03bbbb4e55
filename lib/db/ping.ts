import 'server-only';
import { db } from './client';

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
 * A short reason without connection details: Prisma's own message names host and port, and the
 * health endpoint shows the reason to anyone.
 */
function failureReason(error: unknown): string {
  // PrismaClientKnownRequestError carries the driver adapter's classification of the failure.
  const cause = property(property(property(error, 'meta'), 'driverAdapterError'), 'cause');
  const kind = property(cause, 'kind');
  const message = property(cause, 'message');
  if (kind === 'postgres' && typeof message === 'string') return message;
  if (typeof kind === 'string') return kind.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  const text = error instanceof Error ? error.message : String(error);
  return text.trim().split('\n').at(-1) ?? 'unknown error';
}

function property(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? Reflect.get(value, key) : undefined;
}
