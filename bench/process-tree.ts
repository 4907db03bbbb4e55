import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

/**
 * A process and all its descendants, from Linux's /proc: what a server costs the machine,
 * whether it answers in one process (Next.js) or many (Postgres, a backend per connection).
 */
export function processTree(rootPid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const parent = statFields(Number(entry))?.[1];
    if (parent === undefined) continue;
    const siblings = children.get(Number(parent)) ?? [];
    siblings.push(Number(entry));
    children.set(Number(parent), siblings);
  }
  const tree: number[] = [];
  const pending = [rootPid];
  while (pending.length > 0) {
    const pid = pending.pop() as number;
    tree.push(pid);
    pending.push(...(children.get(pid) ?? []));
  }
  return tree;
}

/** Resident memory of the tree, in bytes. */
export function processTreeRss(rootPid: number): number {
  let total = 0;
  for (const pid of processTree(rootPid)) {
    const kib = readProc(`/proc/${pid}/status`)?.match(/^VmRSS:\s+(\d+) kB$/m)?.[1];
    total += kib === undefined ? 0 : Number(kib) * 1024;
  }
  return total;
}

let ticksPerSecond: number | undefined;

/**
 * CPU time the live processes of the tree have used, in milliseconds (user and system, every
 * thread). Two readings around a loaded window give its cost per operation: unlike throughput,
 * that does not move with whoever else shares the cores.
 */
export function processTreeCpuMs(rootPid: number): number {
  ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  let ticks = 0;
  for (const pid of processTree(rootPid)) {
    const fields = statFields(pid);
    // utime and stime: fields 14 and 15 of /proc/<pid>/stat, 12 and 13 after the command name.
    if (fields) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return (ticks * 1000) / ticksPerSecond;
}

/** The fields of /proc/<pid>/stat after the command name, which may itself hold spaces and parentheses. */
function statFields(pid: number): string[] | undefined {
  const stat = readProc(`/proc/${pid}/stat`);
  return stat === undefined ? undefined : stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** A process may exit between listing /proc and reading it. */
function readProc(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
