import 'server-only';

/**
 * Retention sweeps ride on writes, with no cron: a write of a table that grows (sessions, sign-in
 * and account events, challenges, rate-limit counters, handoffs) carries CTEs deleting a bounded
 * batch of its rows past their retention, on one call in SWEEP_EVERY.
 *
 * Why not on every call: the writes are named prepared statements, and Postgres keeps one plan per
 * statement and connection, made with the table's size when it was planned. A plan made while a
 * table was young (a new database, before autovacuum's first ANALYZE) reads it whole on every
 * later call, and the table only grows: in the benchmark's first minute a sign-in's write spent
 * 3.0 ms of Postgres' time scanning sessions six times (auto_explain, 2,279 rows read per scan).
 * So a sweeping call runs unnamed (`statementName`), planned for that call with the table as it
 * is; the common call carries no sweep and keeps its cached plan.
 */
export const SWEEP_EVERY = 16;

/**
 * The most rows one sweep deletes: four for each of the SWEEP_EVERY writes it stands for, as many
 * as any write adds (a sign-up's count can add four rate-limit counters; every other write adds
 * one row at most), so sweeps keep up with the writes that carry them.
 */
export const SWEEP_BATCH = 4 * SWEEP_EVERY;

/** Whether this call is one of the writes that carry their table's sweeps. */
export function sweepTurn(): boolean {
  return Math.random() * SWEEP_EVERY < 1;
}

/** The name a write runs under: its own, or none on a sweep turn, so Postgres plans that call afresh. */
export function statementName(name: string, sweeping: boolean): string | undefined {
  return sweeping ? undefined : name;
}

/** Sweep CTEs to follow the other CTEs of a WITH list on a sweep turn (each with its comma), else nothing. */
export function sweepCtes(sweeping: boolean, ...ctes: string[]): string {
  return sweeping ? ctes.map((cte) => `,\n${cte}`).join('') : '';
}
