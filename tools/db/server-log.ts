export type ServerLogMode = 'errors' | 'all';

export interface ServerLog {
  /** Receives raw output chunks from initdb and postgres. */
  write(chunk: string): void;
  error(error: unknown): void;
  /** What the recent output says went wrong, on one line; '' when there was no output. */
  summary(): string;
}

const KEPT_LINES = 20;
// Lines that mean the server itself is in trouble. Statement ERRORs are left out: the client
// that caused one receives it already.
const SERVER_TROUBLE = /\b(?:FATAL|PANIC):/;
// Why a start failed is often said in a LOG line ("could not bind ... Address already in use").
const EXPLAINS_FAILURE = /\b(?:FATAL|PANIC|ERROR):|could not/;
// "2026-11-21 19:42:00.000 UTC [1234] " in front of every server line.
const LINE_PREFIX = /^.*?\[\d+\]\s+/;

/**
 * Filters the embedded server's chatty log: in `errors` mode only FATAL and PANIC lines reach
 * stderr, but the last lines are kept so a failed start can say why.
 */
export function createServerLog(
  mode: ServerLogMode,
  print: (line: string) => void = (line) => process.stderr.write(`[postgres] ${line}\n`),
): ServerLog {
  const kept: string[] = [];
  return {
    write(chunk) {
      for (const line of chunk.split('\n')) {
        if (line.trim() === '') continue;
        kept.push(line);
        if (kept.length > KEPT_LINES) kept.shift();
        if (mode === 'all' || SERVER_TROUBLE.test(line)) print(line);
      }
    },
    error(error) {
      print(error instanceof Error ? error.message : String(error));
    },
    summary() {
      const lines = kept.map((line) => line.replace(LINE_PREFIX, '').trim());
      const explaining = lines.filter((line) => EXPLAINS_FAILURE.test(line));
      return (explaining.length > 0 ? explaining : lines.slice(-1)).join('; ');
    },
  };
}
