import { performance } from 'node:perf_hooks';

export type StopRule = { iterations: number } | { seconds: number };

export interface LoopResult {
  completed: number;
  errors: number;
  /** The first failure's message, to say why errors is not 0. */
  firstError?: string;
  seconds: number;
  /** Of each completed iteration, in milliseconds. */
  latencies: number[];
}

/**
 * A closed loop: each client runs `iteration` again as soon as its last one finished, so the
 * offered load follows the server's speed (as many requests in flight as clients, never more).
 * With `iterations`, exactly that many are started across all clients. `onCompleted` hears the
 * running count, for readings taken during the load rather than in a pause of it.
 */
export async function closedLoop<Client>(
  clients: readonly Client[],
  iteration: (client: Client) => Promise<void>,
  stop: StopRule,
  onCompleted?: (completed: number) => void,
): Promise<LoopResult> {
  const result: LoopResult = { completed: 0, errors: 0, seconds: 0, latencies: [] };
  const started = performance.now();
  const deadline = 'seconds' in stop ? started + stop.seconds * 1000 : Infinity;
  let tickets = 'iterations' in stop ? stop.iterations : Infinity;

  await Promise.all(
    clients.map(async (client) => {
      while (tickets > 0 && performance.now() < deadline) {
        tickets -= 1;
        const begin = performance.now();
        try {
          await iteration(client);
          result.latencies.push(performance.now() - begin);
          result.completed += 1;
          onCompleted?.(result.completed);
        } catch (error) {
          result.errors += 1;
          result.firstError ??= error instanceof Error ? error.message : String(error);
        }
      }
    }),
  );
  result.seconds = (performance.now() - started) / 1000;
  return result;
}

/** The p-th percentile (0–100) by nearest rank; NaN for no values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
}
