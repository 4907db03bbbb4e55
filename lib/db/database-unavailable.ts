import 'server-only';

/** Why the database could not serve a request: safe to show anyone, unlike the driver's text. */
export type DatabaseOutage = 'not reachable' | 'connection lost' | 'shutting down or starting up' | 'no answer in time' | 'too many connections';

/** How long a client is told to wait (Retry-After) before trying again after an outage answer. */
export const OUTAGE_RETRY_AFTER_SECONDS = 5;

// Node's socket errors (on the error itself, or on each attempt of an AggregateError).
const SOCKET_CODES: Record<string, DatabaseOutage> = {
  ECONNREFUSED: 'not reachable',
  ENOTFOUND: 'not reachable',
  EAI_AGAIN: 'not reachable',
  EHOSTUNREACH: 'not reachable',
  ENETUNREACH: 'not reachable',
  ECONNRESET: 'connection lost',
  ECONNABORTED: 'connection lost',
  EPIPE: 'connection lost',
  ETIMEDOUT: 'no answer in time',
};

// SQLSTATEs outside class 08 (connection exception, all of which count) that mean the server,
// not the statement, is the problem. 57014 is a statement cancelled by a statement_timeout that
// the server's operator set, or by an operator's pg_cancel_backend: worth a retry, not a bug.
const SQLSTATES: Record<string, DatabaseOutage> = {
  '57P01': 'shutting down or starting up',
  '57P02': 'shutting down or starting up',
  '57P03': 'shutting down or starting up',
  '53300': 'too many connections',
  '57014': 'no answer in time',
};

// How @prisma/adapter-pg classifies socket failures (meta.driverAdapterError.cause.kind).
const ADAPTER_KINDS: Record<string, DatabaseOutage> = {
  DatabaseNotReachable: 'not reachable',
  ConnectionClosed: 'connection lost',
  SocketTimeout: 'no answer in time',
  TooManyConnections: 'too many connections',
};

// pg and pg-pool raise these as plain Errors without a code, and Prisma passes them on as they are.
const DRIVER_MESSAGES: Record<string, DatabaseOutage> = {
  'Connection terminated unexpectedly': 'connection lost',
  'Client has encountered a connection error and is not queryable': 'connection lost',
  'Connection terminated due to connection timeout': 'no answer in time',
  'timeout exceeded when trying to connect': 'no answer in time',
  'Query read timeout': 'no answer in time',
};

/**
 * Whether `error` means the database cannot serve anyone right now (stopped, restarting,
 * unreachable, hung, out of connections), as opposed to a failing statement or a bug: the first
 * is a 503 worth retrying, the second a 500. Looks through the wrappers pg-pool (`cause`), Prisma
 * (`meta.driverAdapterError`) and Node (`AggregateError.errors`) put around the driver's error.
 */
export function databaseUnavailable(error: unknown): DatabaseOutage | undefined {
  const seen = new Set<unknown>();
  const pending = [error];
  while (pending.length > 0) {
    const current = pending.pop();
    if (typeof current !== 'object' || current === null || seen.has(current)) continue;
    seen.add(current);
    const outage = classify(current);
    if (outage) return outage;
    pending.push(
      property(current, 'cause'),
      property(property(property(current, 'meta'), 'driverAdapterError'), 'cause'),
      ...arrayProperty(current, 'errors'),
    );
  }
  return undefined;
}

function classify(error: object): DatabaseOutage | undefined {
  const code = stringProperty(error, 'code') ?? stringProperty(error, 'originalCode');
  if (code !== undefined) {
    const known = own(SOCKET_CODES, code) ?? own(SQLSTATES, code);
    if (known) return known;
    if (/^08[0-9A-Z]{3}$/.test(code)) return 'connection lost';
  }
  const kind = stringProperty(error, 'kind');
  const byKind = kind === undefined ? undefined : own(ADAPTER_KINDS, kind);
  if (byKind) return byKind;
  const message = stringProperty(error, 'message');
  return message === undefined ? undefined : own(DRIVER_MESSAGES, message);
}

// Own keys only: a message or code of "constructor" must not find Object.prototype's.
function own(table: Record<string, DatabaseOutage>, key: string): DatabaseOutage | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

function property(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? Reflect.get(value, key) : undefined;
}

function stringProperty(value: object, key: string): string | undefined {
  const found: unknown = Reflect.get(value, key);
  return typeof found === 'string' ? found : undefined;
}

function arrayProperty(value: object, key: string): unknown[] {
  const found: unknown = Reflect.get(value, key);
  return Array.isArray(found) ? (found as unknown[]) : [];
}
