import fs from 'node:fs';

export interface CpuReading {
  /** Busy clock ticks of the whole machine, all cores. */
  machineBusy: number;
  machineTotal: number;
  /** Ticks used by this process and every child it has waited for (servers, Postgres, builds). */
  ours: number;
}

/** Linux's CPU counters, read together so two readings can be compared. */
export function readCpu(): CpuReading {
  const fields = (fs.readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = fields;
  const machineTotal = user + nice + system + idle + iowait + irq + softirq + steal;
  const self = fs.readFileSync('/proc/self/stat', 'utf8');
  // After the command name in parentheses: utime, stime, cutime, cstime are fields 14–17.
  const [utime = 0, stime = 0, cutime = 0, cstime = 0] = self.slice(self.lastIndexOf(')') + 2).split(' ').slice(11, 15).map(Number);
  return { machineBusy: machineTotal - idle - iowait, machineTotal, ours: utime + stime + cutime + cstime };
}

/**
 * The share of the machine's CPU that processes outside this benchmark used between two
 * readings. The second must be taken after every child has exited and been waited for, or the
 * children's time is not yet counted as ours.
 */
export function otherLoadShare(before: CpuReading, after: CpuReading): number {
  const total = after.machineTotal - before.machineTotal;
  if (total <= 0) return 0;
  const others = after.machineBusy - before.machineBusy - (after.ours - before.ours);
  return Math.max(0, others / total);
}
