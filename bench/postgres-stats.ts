import { setTimeout as delay } from 'node:timers/promises';
import pg from 'pg';

export interface StatementStat {
  query: string;
  calls: number;
  /** Mean execution time per call. */
  meanMs: number;
  /**
   * Plans made per call (pg_stat_statements.track_planning): 1 when Postgres plans a prepared
   * statement afresh on every call, near 0 once it keeps a generic plan.
   */
  plansPerCall: number;
  /** Planning time per call, averaged over every call (a call served by a cached plan adds 0). */
  planMeanMs: number;
}

interface StatementTotals {
  calls: number;
  totalMs: number;
  plans: number;
  planMs: number;
}

export interface PostgresCounters {
  commits: number;
  rollbacks: number;
  /** Per normalised statement, when pg_stat_statements is loaded; BEGIN and COMMIT included. */
  statements?: Map<string, StatementTotals>;
}

export interface PostgresDelta {
  commits: number;
  rollbacks: number;
  /** Undefined when pg_stat_statements is not loaded (a server started without it was reused). */
  statements?: { total: number; top: StatementStat[] };
}

/**
 * Reads the benchmark database's own statistics from another database on the same server, so the
 * reads themselves never count as the benchmark's transactions or statements.
 */
export class PostgresStats {
  private constructor(
    private readonly client: pg.Client,
    private readonly database: string,
    readonly hasStatements: boolean,
  ) {}

  /** `adminUrl`: any other database of the server (its `postgres` database). */
  static async connect(adminUrl: string, database: string): Promise<PostgresStats> {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    const loaded = await client.query<{ loaded: boolean }>(
      `SELECT 'pg_stat_statements' = ANY(string_to_array(current_setting('shared_preload_libraries'), ',')) AS loaded`,
    );
    const hasStatements = loaded.rows[0]?.loaded === true;
    if (hasStatements) await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    return new PostgresStats(client, database, hasStatements);
  }

  /**
   * The counters once they have stopped moving. Backends report transaction counts to the shared
   * statistics about once a second after going idle, so a read right after a load would miss the
   * last of it; pg_stat_statements counts at once.
   */
  async settled(): Promise<PostgresCounters> {
    let last = await this.read();
    for (let stableReads = 0, attempts = 0; stableReads < 3 && attempts < 40; attempts += 1) {
      await delay(500);
      const now = await this.read();
      stableReads = now.commits === last.commits && now.rollbacks === last.rollbacks ? stableReads + 1 : 0;
      last = now;
    }
    return last;
  }

  async close(): Promise<void> {
    await this.client.end();
  }

  private async read(): Promise<PostgresCounters> {
    const database = await this.client.query<{ commits: string; rollbacks: string }>(
      'SELECT xact_commit AS commits, xact_rollback AS rollbacks FROM pg_stat_database WHERE datname = $1',
      [this.database],
    );
    const row = database.rows[0];
    const counters: PostgresCounters = { commits: Number(row?.commits ?? 0), rollbacks: Number(row?.rollbacks ?? 0) };
    if (!this.hasStatements) return counters;
    const statements = await this.client.query<{ query: string; calls: string; total_ms: number; plans: string; plan_ms: number }>(
      `SELECT s.query, sum(s.calls) AS calls, sum(s.total_exec_time) AS total_ms, sum(s.plans) AS plans, sum(s.total_plan_time) AS plan_ms
         FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
        WHERE d.datname = $1 GROUP BY s.query`,
      [this.database],
    );
    counters.statements = new Map(
      statements.rows.map((r) => [r.query, { calls: Number(r.calls), totalMs: r.total_ms, plans: Number(r.plans), planMs: r.plan_ms }]),
    );
    return counters;
  }
}

/** What happened between two readings; `top` lists the most frequent statements first. */
export function difference(before: PostgresCounters, after: PostgresCounters, topCount = 12): PostgresDelta {
  const delta: PostgresDelta = { commits: after.commits - before.commits, rollbacks: after.rollbacks - before.rollbacks };
  if (!after.statements) return delta;
  const rows: StatementStat[] = [];
  for (const [query, stat] of after.statements) {
    const earlier = before.statements?.get(query) ?? { calls: 0, totalMs: 0, plans: 0, planMs: 0 };
    const calls = stat.calls - earlier.calls;
    if (calls > 0) {
      rows.push({
        query,
        calls,
        meanMs: (stat.totalMs - earlier.totalMs) / calls,
        plansPerCall: (stat.plans - earlier.plans) / calls,
        planMeanMs: (stat.planMs - earlier.planMs) / calls,
      });
    }
  }
  rows.sort((a, b) => b.calls - a.calls);
  delta.statements = { total: rows.reduce((sum, row) => sum + row.calls, 0), top: rows.slice(0, topCount) };
  return delta;
}
