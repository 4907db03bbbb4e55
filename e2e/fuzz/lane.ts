import fc from 'fast-check';
import type { Outcome } from './send';

/** What one lane of the suite sent and got back. */
export interface LaneCounts {
  /** Generated requests sent (a failing case's shrinking steps included). */
  requests: number;
  /** Genuine requests a case needed first (a ceremony's options call), not fuzzed themselves. */
  setUp: number;
  byStatus: Record<string, number>;
  /** Answers ≥ 500, as `status METHOD path`; the run fails on the first. */
  serverErrors: string[];
  dropped: string[];
  seed: number;
  runs: number;
  seconds: number;
}

export class Lane {
  readonly counts: LaneCounts;

  constructor(
    readonly name: string,
    seed: number,
    runs: number,
  ) {
    this.counts = { requests: 0, setUp: 0, byStatus: {}, serverErrors: [], dropped: [], seed, runs, seconds: 0 };
  }

  /** Counts one generated request's outcome. */
  record(outcome: Outcome, label: string): void {
    this.counts.requests++;
    if (outcome.kind === 'dropped') {
      this.counts.dropped.push(`${label}: ${outcome.error}`);
      return;
    }
    this.counts.byStatus[outcome.status] = (this.counts.byStatus[outcome.status] ?? 0) + 1;
    if (outcome.status >= 500) this.counts.serverErrors.push(`${outcome.status} ${label}`);
  }

  /**
   * Runs the property `runs` times from this lane's seed. A failure is shrunk to its smallest
   * case; fast-check's report (seed, path, counterexample) is rethrown under the lane's name.
   */
  async check<T>(arbitrary: fc.Arbitrary<T>, property: (value: T) => Promise<void>): Promise<void> {
    const started = Date.now();
    const details = await fc.check(fc.asyncProperty(arbitrary, property), { seed: this.counts.seed, numRuns: this.counts.runs, includeErrorInReport: true });
    this.counts.seconds = (Date.now() - started) / 1000;
    if (details.failed) throw new Error(`fuzz lane "${this.name}" failed:\n${fc.defaultReportMessage(details)}`);
  }
}

/**
 * Fails the property run (fast-check then shrinks the case) unless `condition` holds. Properties
 * use this rather than Playwright's expect, which records a report step per call: thousands of
 * them slowed the suite tenfold.
 */
export function ensure(condition: boolean, message: () => string): asserts condition {
  if (!condition) throw new Error(message());
}

/**
 * The suite's seed: FUZZ_SEED replays a run, otherwise a new one. Each lane runs from the seed
 * plus its index, so one number replays every lane.
 */
export function suiteSeed(): number {
  const given = process.env.FUZZ_SEED;
  if (given !== undefined && given !== '') {
    const seed = Number(given);
    if (!Number.isInteger(seed)) throw new Error(`FUZZ_SEED must be an integer, not "${given}"`);
    return seed;
  }
  return Math.floor(Math.random() * 2 ** 31);
}

/** Generated requests per run: FUZZ_RUNS, at least the 10,000 the suite promises by default. */
export function suiteRuns(): number {
  const given = Number(process.env.FUZZ_RUNS ?? 10_000);
  if (!Number.isInteger(given) || given < 1) throw new Error(`FUZZ_RUNS must be a positive integer, not "${process.env.FUZZ_RUNS}"`);
  return given;
}
