/** What a running PostgreSQL writes to `<data dir>/postmaster.pid`. */
export interface PostmasterPid {
  pid: number;
  port: number;
  /** `starting`, `stopping`, `ready` or `standby`; empty while the postmaster is starting up. */
  status: string;
}

/**
 * Parses `postmaster.pid` (layout in PostgreSQL's `pidfile.h`: line 1 pid, line 4 port,
 * line 8 status). Returns undefined when the file is truncated or not a pid file.
 */
export function parsePostmasterPid(content: string): PostmasterPid | undefined {
  const lines = content.split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port) || port <= 0) return undefined;
  return { pid, port, status: (lines[7] ?? '').trim() };
}
