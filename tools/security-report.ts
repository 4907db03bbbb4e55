/**
 * `npm run test:security`: the specs that attack the production build (hostile input, races,
 * rate limits, a database that stops and starts), then one report of their figures.
 *
 * Each spec leaves its figures in test-results/security/*.json (e2e/fuzz/results.ts); this
 * script clears them first, so a spec that did not run shows as "not measured" instead of an
 * old number. Exit code: Playwright's.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { SECURITY_RESULTS_DIR } from '@/e2e/fuzz/results';

const SPECS = ['e2e/fuzz.spec.ts', 'e2e/races.spec.ts', 'e2e/rate-limits.spec.ts', 'e2e/faults.spec.ts'];
const PLAYWRIGHT_RESULTS = path.join(SECURITY_RESULTS_DIR, 'playwright.json');

interface FuzzFigures {
  seed: number;
  requests: number;
  setUpRequests: number;
  serverErrors: number;
  dropped: number;
  rateLimited: number;
  rowsChangedByInvalidRequests: number;
  accepted: { signUps: number; signIns: number };
  seconds: number;
  lanes: Record<string, { serverErrors: string[] }>;
}

interface RaceFigures {
  race: string;
  contenders: number;
  outcomes: Record<string, number>;
}

interface FaultFigures {
  recoverySeconds: number;
  outageRequests?: number;
  outageMaxMs?: number;
}

/** The parts of Playwright's JSON report this script reads. */
interface PlaywrightReport {
  suites?: PlaywrightSuite[];
}
interface PlaywrightSuite {
  file?: string;
  specs?: { ok: boolean; tests: { results: { status: string }[] }[] }[];
  suites?: PlaywrightSuite[];
}

function readJson<T>(file: string): T | undefined {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : undefined;
}

/** Passed and total tests per spec file, from Playwright's JSON report. */
function specResults(report: PlaywrightReport | undefined): Map<string, { passed: number; total: number }> {
  const results = new Map<string, { passed: number; total: number }>();
  const visit = (suite: PlaywrightSuite, file: string) => {
    const name = suite.file ?? file;
    for (const spec of suite.specs ?? []) {
      const entry = results.get(name) ?? { passed: 0, total: 0 };
      entry.total++;
      if (spec.ok) entry.passed++;
      results.set(name, entry);
    }
    for (const child of suite.suites ?? []) visit(child, name);
  };
  for (const suite of report?.suites ?? []) visit(suite, '');
  return results;
}

const number = (value: number) => value.toLocaleString('en');

function main(): number {
  rmSync(SECURITY_RESULTS_DIR, { recursive: true, force: true });
  mkdirSync(SECURITY_RESULTS_DIR, { recursive: true });
  const specs = SPECS.filter((spec) => existsSync(spec));

  // Only these specs (a file filter alone would run the whole suite the fuzz project depends on),
  // one at a time, so the fuzz lanes never share the server with the races.
  const run = spawnSync('npx', ['playwright', 'test', ...specs, '--no-deps', '--workers=1', '--reporter=list,json'], {
    stdio: 'inherit',
    env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: PLAYWRIGHT_RESULTS },
  });

  const fuzz = readJson<FuzzFigures>(path.join(SECURITY_RESULTS_DIR, 'fuzz.json'));
  const faults = readJson<FaultFigures>(path.join(SECURITY_RESULTS_DIR, 'faults.json'));
  const races = readdirSync(SECURITY_RESULTS_DIR)
    .filter((file) => file.startsWith('race-') && file.endsWith('.json'))
    .map((file) => readJson<RaceFigures>(path.join(SECURITY_RESULTS_DIR, file)))
    .filter((race): race is RaceFigures => race !== undefined);
  const tests = specResults(readJson<PlaywrightReport>(PLAYWRIGHT_RESULTS));

  const notMeasured = 'not measured (the spec did not finish)';
  const lines: [string, string][] = [
    ['requests fuzzed', fuzz ? `${number(fuzz.requests)} generated (+${number(fuzz.setUpRequests)} genuine set-up requests) in ${fuzz.seconds.toFixed(0)} s, seed ${fuzz.seed}` : notMeasured],
    ['server errors (≥ 500)', fuzz ? `${fuzz.serverErrors}, dropped connections: ${fuzz.dropped}` : notMeasured],
    // The first of each lane, for a start; the spec's failure shows the smallest request fast-check shrank it to.
    ...Object.entries(fuzz?.lanes ?? {}).flatMap(([lane, counts]): [string, string][] => (counts.serverErrors[0] ? [[`  ${lane}`, counts.serverErrors[0].slice(0, 300)]] : [])),
    [
      'rows changed by invalid requests',
      fuzz ? `${fuzz.rowsChangedByInvalidRequests} (mutations still valid, so accepted: ${fuzz.accepted.signUps} sign-ups, ${fuzz.accepted.signIns} sign-ins)` : notMeasured,
    ],
    ['limits hit (429)', fuzz ? `${number(fuzz.rateLimited)} of the fuzzed requests` : notMeasured],
    ['races run', races.length ? String(races.length) : notMeasured],
    ...races.map((race): [string, string] => [
      `  ${race.race} ×${race.contenders}`,
      Object.entries(race.outcomes)
        .map(([outcome, count]) => `${count}× ${outcome}`)
        .join(', '),
    ]),
    [
      'restart recovery time',
      faults ? `${faults.recoverySeconds} s to the first sign-in after Postgres came back${faults.outageMaxMs === undefined ? '' : `; slowest answer while it was down ${faults.outageMaxMs} ms`}` : notMeasured,
    ],
  ];
  for (const spec of specs) {
    const result = [...tests].find(([file]) => spec.endsWith(file));
    lines.push([path.basename(spec), result ? `${result[1].passed}/${result[1].total} tests passed` : 'did not run']);
  }

  const width = Math.max(...lines.map(([label]) => label.length));
  console.log('\nSecurity report');
  for (const [label, value] of lines) console.log(`  ${label.padEnd(width)}  ${value}`);
  return run.status ?? 1;
}

process.exit(main());
