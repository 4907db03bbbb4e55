import { sql } from '@/lib/db/sql';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Rows Removed by Filter'?: number;
  Plans?: PlanNode[];
}

/**
 * Runs sweep CTEs (they delete what is due) under EXPLAIN ANALYZE and answers how many rows of
 * `table` its scans read, kept or filtered out: what a sweep costs every statement carrying it.
 */
export async function rowsReadBySweep(ctes: string, table: string): Promise<number> {
  const [row] = await sql<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>('sweep-reads', `EXPLAIN (ANALYZE, FORMAT JSON) WITH ${ctes} SELECT 1`, []);
  if (!row) throw new Error('EXPLAIN returned nothing');
  const read = (node: PlanNode): number =>
    (node['Relation Name'] === table && node['Node Type'].includes('Scan')
      ? ((node['Actual Rows'] ?? 0) + (node['Rows Removed by Filter'] ?? 0)) * (node['Actual Loops'] ?? 1)
      : 0) + (node.Plans ?? []).reduce((sum, child) => sum + read(child), 0);
  return read(row['QUERY PLAN'][0].Plan);
}
