import { describe, expect, it } from 'vitest';
import { median, ratios, roundsAgreement, type BenchResults, type ScenarioStats } from './report';

const scenario = (perSecond: number, unloadedP50Ms = 5): ScenarioStats => ({
  loaded: { perSecond, p50Ms: 100, p99Ms: 200, completed: 1000, errors: 0, seconds: 10 },
  unloadedP50Ms,
});

function results(alternating?: BenchResults['alternating']): Omit<BenchResults, 'ratios'> {
  return {
    date: '2026-12-07',
    machine: { cpus: 2, cpuModel: 'test', node: 'v20', platform: 'linux', memoryGiB: 24, otherLoad: 0 },
    app: { dir: '.', commit: 'abc', uncommittedChanges: false, benchBuild: true },
    settings: { clients: 32, seconds: 15, warmupSeconds: 10, signIns: 3000, host: 'example.com', profile: false, instances: 1 },
    project: { signIn: scenario(100), signUp: scenario(90), rss: [], postgres: { signIns: 0, commitsPerSignIn: 0, rollbacks: 0 } },
    noop: { ...scenario(250), servedBy: 'same build' },
    ...(alternating ? { alternating } : {}),
    express: { signIn: scenario(1000, 2), signUp: scenario(1000, 2) },
  };
}

describe('median', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe('ratios', () => {
  it('reads the ceiling ratio from the alternating rounds when the run has them', () => {
    const rounds = [0.5, 0.62, 0.6].map((ratio) => ({ signInPerSecond: 100 * ratio, noopPerSecond: 100, signInServerCpuMs: 6, noopServerCpuMs: 3.5 }));
    const [ceiling] = ratios(results({ seconds: 5, rounds }));
    expect(ceiling?.value).toBeCloseTo(0.6);
    expect(ceiling?.detail).toBe('median of 3 alternating rounds, 0.50–0.62; separate windows 0.40');
  });

  it('compares the separate windows when the run has no rounds (runs before they were measured)', () => {
    const [ceiling] = ratios(results());
    expect(ceiling?.value).toBeCloseTo(0.4);
    expect(ceiling?.detail).toBeUndefined();
  });
});

describe('roundsAgreement', () => {
  const rounds = (...ratios: number[]) => ({ seconds: 5, rounds: ratios.map((ratio) => ({ signInPerSecond: 100 * ratio, noopPerSecond: 100, signInServerCpuMs: 6, noopServerCpuMs: 3.5 })) });

  it('calls a run noisy when a round strays over 10 % from the median', () => {
    expect(roundsAgreement(rounds(0.5, 0.55, 0.6))).toBe("The rounds' ratios spread ±9 % around their median.");
    expect(roundsAgreement(rounds(0.33, 0.41, 0.56))).toBe("The rounds' ratios spread ±37 % around their median: the host was noisy, and this run cannot rank a change of a few per cent.");
  });
});
