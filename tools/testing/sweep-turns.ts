import { vi, type MockInstance } from 'vitest';

/**
 * Makes every write's sweep turn come, or never come, until mocks are restored: `sweepTurn()`
 * (lib/db/sweeps.ts) draws from Math.random, as the ceremony log's housekeeping chance does.
 */
export function pinSweepTurns(sweeping: boolean): MockInstance<() => number> {
  return vi.spyOn(Math, 'random').mockReturnValue(sweeping ? 0 : 0.999);
}
