// Error codes from Node's sockets and PostgreSQL's SQLSTATEs that mean "could not get a usable
// connection", as opposed to a bug or a failing statement.
const CONNECTION_FAILURES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ECONNRESET: 'connection reset',
  '28P01': 'password authentication failed',
  '28000': 'authentication rejected',
  '3D000': 'database does not exist',
  '57P03': 'server is starting up or shutting down',
};

/**
 * A one-line explanation when `error` is a failure to connect to `url`, naming host, port and
 * database but never the credentials; undefined for any other error.
 */
export function describeConnectionError(error: unknown, url: string): string | undefined {
  const code = typeof error === 'object' && error !== null ? Reflect.get(error, 'code') : undefined;
  if (typeof code !== 'string') return undefined;
  const reason = CONNECTION_FAILURES[code];
  if (!reason) return undefined;
  return `Cannot connect to PostgreSQL at ${describeTarget(url)} (${reason}).`;
}

/** `host:port/database` of a connection URL, without user or password. */
export function describeTarget(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname || 'localhost'}:${parsed.port || '5432'}${parsed.pathname}`;
  } catch {
    return 'an unparsable DATABASE_URL';
  }
}
