import type { ProfileSummary } from './cpu-profile';
import { percentile, type LoopResult } from './load';
import type { PostgresDelta } from './postgres-stats';

export interface LoopStats {
  /** Completed iterations (sign-ins, sign-ups, or pairs of no-op requests) per second. */
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  completed: number;
  errors: number;
  firstError?: string;
  seconds: number;
}

/** CPU time per completed operation in the loaded window, in ms: every thread of each process tree. */
export interface CpuPerOperation {
  serverMs: number;
  /** Only for the project's scenarios: the no-op route and Express touch no database. */
  postgresMs?: number;
  /** This process: the clients, their software authenticators, the bench's own readings. */
  loadGeneratorMs: number;
}

export interface ScenarioStats {
  loaded: LoopStats;
  /** Absent from runs before it was measured. */
  cpu?: CpuPerOperation;
  /** p50 with one client: the latency a lone user sees. */
  unloadedP50Ms: number;
}

/** One round of alternating windows: a sign-in window and a no-op window, back to back. */
export interface AlternatingRound {
  signInPerSecond: number;
  noopPerSecond: number;
  signInServerCpuMs: number;
  noopServerCpuMs: number;
}

export interface AlternatingRounds {
  /** Each window's length. */
  seconds: number;
  rounds: AlternatingRound[];
}

export interface Ratio {
  name: string;
  value: number;
  goal: { op: '≥' | '≤'; value: number };
  met: boolean;
  detail?: string;
}

export interface BenchResults {
  date: string;
  label?: string;
  machine: {
    cpus: number;
    cpuModel: string;
    node: string;
    platform: string;
    memoryGiB: number;
    /** Share of all cores used by processes outside the benchmark while it measured (0–1). */
    otherLoad: number;
  };
  app: { dir: string; commit: string; uncommittedChanges: boolean; benchBuild: boolean };
  settings: { clients: number; seconds: number; warmupSeconds: number; signIns: number; host: string; profile: boolean; instances: number };
  project: {
    signIn: ScenarioStats;
    signUp: ScenarioStats;
    /** GET of the sign-in page: what the pages' CSP (static, or a nonce per request) costs. Absent from runs before it was measured. */
    pageViews?: ScenarioStats;
    rss: { afterSignIns: number; bytes: number }[];
    postgres: PostgresPerSignIn;
  };
  noop: ScenarioStats & { servedBy: string };
  /** Absent from runs before it was measured; then the ceiling ratio compares windows minutes apart. */
  alternating?: AlternatingRounds;
  express: { signIn: ScenarioStats; signUp: ScenarioStats };
  instances?: { count: number; one: LoopStats; many: LoopStats; ratio: number };
  profile?: ProfileSummary;
  ratios: Ratio[];
}

export interface PostgresPerSignIn {
  signIns: number;
  commitsPerSignIn: number;
  rollbacks: number;
  statementsPerSignIn?: number;
  statements?: { perSignIn: number; meanMs: number; plansPerCall: number; planMeanMs: number; query: string }[];
  note?: string;
}

/** Above this share of the machine used by others, a run says its numbers are noisy. */
const NOISY = 0.05;

export function loopStats(result: LoopResult): LoopStats {
  return {
    perSecond: result.completed / result.seconds,
    p50Ms: percentile(result.latencies, 50),
    p99Ms: percentile(result.latencies, 99),
    completed: result.completed,
    errors: result.errors,
    ...(result.firstError === undefined ? {} : { firstError: result.firstError }),
    seconds: result.seconds,
  };
}

export function postgresPerSignIn(delta: PostgresDelta, signIns: number): PostgresPerSignIn {
  const per = (n: number) => n / Math.max(signIns, 1);
  return {
    signIns,
    commitsPerSignIn: per(delta.commits),
    rollbacks: delta.rollbacks,
    ...(delta.statements
      ? {
          statementsPerSignIn: per(delta.statements.total),
          statements: delta.statements.top.map((s) => ({ perSignIn: per(s.calls), meanMs: s.meanMs, plansPerCall: s.plansPerCall, planMeanMs: s.planMeanMs, query: s.query })),
        }
      : { note: 'pg_stat_statements is not loaded (a bench database server started without it was reused); only transactions are counted' }),
  };
}

export function ratios(results: Omit<BenchResults, 'ratios'>): Ratio[] {
  const signIn = results.project.signIn;
  const rss = results.project.rss;
  const first = rss[0];
  const last = rss[rss.length - 1];
  const separate = signIn.loaded.perSecond / results.noop.loaded.perSecond;
  const rounds = results.alternating?.rounds.map((r) => r.signInPerSecond / r.noopPerSecond) ?? [];
  const list: Ratio[] = [
    rounds.length > 0
      ? {
          ...ratio('sign-in throughput ÷ no-op ceiling', median(rounds), '≥', 0.7),
          detail: `median of ${rounds.length} alternating rounds, ${Math.min(...rounds).toFixed(2)}–${Math.max(...rounds).toFixed(2)}; separate windows ${separate.toFixed(2)}`,
        }
      : ratio('sign-in throughput ÷ no-op ceiling', separate, '≥', 0.7),
    ratio('sign-in throughput ÷ Express baseline', signIn.loaded.perSecond / results.express.signIn.loaded.perSecond, '≥', 0.3),
    ratio('unloaded sign-in p50 ÷ Express unloaded p50', signIn.unloadedP50Ms / results.express.signIn.unloadedP50Ms, '≤', 2),
  ];
  if (first && last && last !== first) {
    list.push({
      ...ratio(`server RSS after ${last.afterSignIns.toLocaleString('en')} ÷ after ${first.afterSignIns.toLocaleString('en')} sign-ins`, last.bytes / first.bytes, '≤', 1.1),
      detail: `${mib(first.bytes)} → ${mib(last.bytes)}`,
    });
  }
  return list;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function ratio(name: string, value: number, op: '≥' | '≤', goal: number): Ratio {
  return { name, value, goal: { op, value: goal }, met: op === '≥' ? value >= goal : value <= goal };
}

/** The results as Markdown: what `npm run bench` prints and the README quotes. */
export function formatTables(results: BenchResults): string {
  const { machine, app, settings } = results;
  const lines: string[] = [];
  const commit = `${app.commit}${app.uncommittedChanges ? ' + uncommitted changes' : ''}`;
  lines.push(
    `${results.date} · ${machine.cpus} × ${machine.cpuModel} · Node ${machine.node} · ${commit}${results.label ? ` · ${results.label}` : ''}`,
    `${settings.clients} clients, closed loop, load generator on the same machine${settings.profile ? ' · server under --cpu-prof (its numbers include the profiler)' : ''}`,
    `other processes used ${(machine.otherLoad * 100).toFixed(0)} % of the machine's CPU while it measured${machine.otherLoad > NOISY ? ': the numbers are noisy' : ''}`,
    '',
    '| server | per second | p50 | p99 | unloaded p50 | errors |',
    '|---|--:|--:|--:|--:|--:|',
    row('project, sign-in (options + verify)', results.project.signIn),
    row('project, sign-up (options + verify)', results.project.signUp),
    ...(results.project.pageViews ? [row('project, sign-in page view (GET)', results.project.pageViews)] : []),
    row(`no-op route, 2 requests (${results.noop.servedBy})`, results.noop),
    row('Express + SimpleWebAuthn, sign-in', results.express.signIn),
    row('Express + SimpleWebAuthn, sign-up', results.express.signUp),
    '',
    '| ratio | value | goal | |',
    '|---|--:|--:|---|',
    ...results.ratios.map((r) => `| ${r.name} | ${r.value.toFixed(2)}${r.detail ? ` (${r.detail})` : ''} | ${r.goal.op} ${r.goal.value} | ${r.met ? 'met' : '**not met**'} |`),
  );
  lines.push('', ...formatCpu(results));
  lines.push('', `Server RSS every ${results.project.rss[0]?.afterSignIns.toLocaleString('en') ?? '?'} sign-ins (MiB): ${results.project.rss.map((r) => (r.bytes / 2 ** 20).toFixed(0)).join(' ')}`);
  const pg = results.project.postgres;
  lines.push('', `Postgres, per sign-in over ${pg.signIns.toLocaleString('en')} loaded sign-ins: ${pg.commitsPerSignIn.toFixed(2)} transactions committed` + (pg.statementsPerSignIn === undefined ? ` (${pg.note ?? ''})` : `, ${pg.statementsPerSignIn.toFixed(2)} statements (BEGIN and COMMIT included)`) + (pg.rollbacks ? `, ${pg.rollbacks} rollbacks in all` : ''));
  if (pg.statements) {
    lines.push('', '| per sign-in | mean ms | plans per call | plan ms | statement |', '|--:|--:|--:|--:|---|');
    for (const s of pg.statements) {
      lines.push(`| ${s.perSignIn.toFixed(2)} | ${s.meanMs.toFixed(3)} | ${s.plansPerCall.toFixed(2)} | ${s.planMeanMs.toFixed(3)} | \`${oneLine(s.query)}\` |`);
    }
  }
  if (results.instances) {
    const { count, one, many, ratio: scale } = results.instances;
    lines.push(
      '',
      '| behind a round-robin balancer | sign-ins/s | p50 | p99 | errors |',
      '|---|--:|--:|--:|--:|',
      `| 1 instance | ${one.perSecond.toFixed(1)} | ${ms(one.p50Ms)} | ${ms(one.p99Ms)} | ${one.errors} |`,
      `| ${count} instances | ${many.perSecond.toFixed(1)} | ${ms(many.p50Ms)} | ${ms(many.p99Ms)} | ${many.errors} |`,
      '',
      `${count} instances ÷ 1: ${scale.toFixed(2)} (all instances, the database and the load generator share ${machine.cpus} cores)`,
    );
  }
  if (results.profile) lines.push('', formatProfile(results.profile));
  return lines.join('\n');
}

/**
 * What each operation costs in CPU time, the steadier view of the same runs: throughput moves with
 * whoever else shares the cores, the CPU an operation needs much less.
 */
function formatCpu(results: BenchResults): string[] {
  const scenarios: [string, ScenarioStats][] = [
    ['project, sign-in', results.project.signIn],
    ['project, sign-up', results.project.signUp],
    ...(results.project.pageViews ? [['project, sign-in page view', results.project.pageViews] as [string, ScenarioStats]] : []),
    ['no-op route, 2 requests', results.noop],
    ['Express, sign-in', results.express.signIn],
    ['Express, sign-up', results.express.signUp],
  ];
  const signIn = results.project.signIn.cpu;
  const noop = results.noop.cpu;
  if (!signIn || !noop) return [];
  const cell = (value: number | undefined) => (value === undefined ? '–' : value.toFixed(2));
  return [
    '| CPU ms per operation | server | Postgres | load generator |',
    '|---|--:|--:|--:|',
    ...scenarios.map(([name, { cpu }]) => `| ${name} | ${cell(cpu?.serverMs)} | ${cell(cpu?.postgresMs)} | ${cell(cpu?.loadGeneratorMs)} |`),
    '',
    `A sign-in costs the server ${(signIn.serverMs / noop.serverMs).toFixed(2)}× the CPU of a no-op pair (${(noop.serverMs / signIn.serverMs).toFixed(2)} of the ceiling by CPU alone), and Postgres ${cell(signIn.postgresMs)} ms more.`,
    ...formatRounds(results.alternating),
  ];
}

/** The alternating rounds, each window's throughput and server CPU, and their ratios. */
function formatRounds(alternating: AlternatingRounds | undefined): string[] {
  if (!alternating || alternating.rounds.length === 0) return [];
  const cpuRatios = alternating.rounds.map((r) => r.noopServerCpuMs / r.signInServerCpuMs);
  return [
    '',
    `| round (${alternating.seconds} s windows) | sign-ins/s | no-op pairs/s | ratio | server CPU ms: sign-in | no-op pair | ratio by CPU |`,
    '|--:|--:|--:|--:|--:|--:|--:|',
    ...alternating.rounds.map(
      (r, i) =>
        `| ${i + 1} | ${r.signInPerSecond.toFixed(1)} | ${r.noopPerSecond.toFixed(1)} | ${(r.signInPerSecond / r.noopPerSecond).toFixed(2)} | ${r.signInServerCpuMs.toFixed(2)} | ${r.noopServerCpuMs.toFixed(2)} | ${(r.noopServerCpuMs / r.signInServerCpuMs).toFixed(2)} |`,
    ),
    '',
    `By CPU alone, the median round puts a sign-in at ${median(cpuRatios).toFixed(2)} of the ceiling.`,
    roundsAgreement(alternating),
  ];
}

/** Above this spread of the rounds' ratios around their median, a run says it cannot rank small changes. */
const ROUNDS_SPREAD_NOISY = 0.1;

/**
 * How far the rounds' ratios spread around their median. The machine reports no steal time, so
 * this is what tells a host that slowed the server in some windows and not others.
 */
export function roundsAgreement(alternating: AlternatingRounds): string {
  const ratios = alternating.rounds.map((r) => r.signInPerSecond / r.noopPerSecond);
  const middle = median(ratios);
  const spread = Math.max(...ratios.map((ratio) => Math.abs(ratio - middle))) / middle;
  const percent = `±${(spread * 100).toFixed(0)} %`;
  return spread > ROUNDS_SPREAD_NOISY
    ? `The rounds' ratios spread ${percent} around their median: the host was noisy, and this run cannot rank a change of a few per cent.`
    : `The rounds' ratios spread ${percent} around their median.`;
}

function formatProfile(profile: ProfileSummary): string {
  const share = (p: { name: string; percent: number }) => `| ${p.percent.toFixed(1)} % | ${p.name} |`;
  return [
    `CPU profile of the server during the loaded sign-ins: ${(profile.sampledMs / 1000).toFixed(1)} s sampled in ${profile.processes} process(es); self time by where the code comes from`,
    '',
    '| self time | category |',
    '|--:|---|',
    ...profile.categories.map(share),
    '',
    '| self time | node internals by module |',
    '|--:|---|',
    ...profile.nodeModules.map(share),
    '',
    '| time | charged to the package or project code that called node internals and builtins |',
    '|--:|---|',
    ...profile.byCaller.map(share),
    '',
    '| self time | project file |',
    '|--:|---|',
    ...profile.projectFiles.map(share),
    '',
    '| self time | function (source) |',
    '|--:|---|',
    ...profile.functions.map(share),
  ].join('\n');
}

function row(name: string, stats: ScenarioStats): string {
  const { loaded } = stats;
  return `| ${name} | ${loaded.perSecond.toFixed(1)} | ${ms(loaded.p50Ms)} | ${ms(loaded.p99Ms)} | ${ms(stats.unloadedP50Ms)} | ${loaded.errors} |`;
}

function ms(value: number): string {
  return `${value < 10 ? value.toFixed(1) : value.toFixed(0)} ms`;
}

function mib(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(0)} MiB`;
}

function oneLine(query: string): string {
  const flat = query.replace(/\s+/g, ' ').replace(/\|/g, '\\|').trim();
  return flat.length > 140 ? `${flat.slice(0, 137)}…` : flat;
}
