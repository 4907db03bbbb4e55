import pg from 'pg';
import type { ReferentialAction, SchemaShape, TableShape } from './schema-shape';

// pg_constraint.confdeltype / confupdtype codes.
const ACTIONS: Record<string, ReferentialAction> = {
  a: 'NoAction',
  r: 'Restrict',
  c: 'Cascade',
  n: 'SetNull',
  d: 'SetDefault',
};

// Prisma's own bookkeeping table is not part of the application schema.
const IGNORED_TABLE = '_prisma_migrations';

/** Reads the current schema of the database at `url` from the PostgreSQL catalogs. */
export async function describeDatabase(url: string): Promise<SchemaShape> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables: Record<string, TableShape> = {};
    const table = (name: string): TableShape =>
      (tables[name] ??= { columns: {}, indexes: {}, foreignKeys: {} });

    const columns = await client.query<{
      table: string;
      column: string;
      type: string;
      nullable: boolean;
      default: string | null;
    }>(
      `SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type,
              NOT a.attnotnull AS nullable, pg_get_expr(d.adbin, d.adrelid) AS default
         FROM pg_class c
         JOIN pg_namespace n ON n.oid = c.relnamespace
         JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
         LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
        WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND c.relname <> $1
        ORDER BY c.relname, a.attnum`,
      [IGNORED_TABLE],
    );
    for (const row of columns.rows) {
      table(row.table).columns[row.column] = { type: row.type, nullable: row.nullable, default: row.default };
    }

    const indexes = await client.query<{
      table: string;
      name: string;
      primary: boolean;
      unique: boolean;
      columns: string[];
    }>(
      `SELECT t.relname AS table, i.relname AS name, x.indisprimary AS primary, x.indisunique AS unique,
              (SELECT array_agg(a.attname::text ORDER BY k.ord)
                 FROM unnest(x.indkey) WITH ORDINALITY k(attnum, ord)
                 JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum) AS columns
         FROM pg_index x
         JOIN pg_class i ON i.oid = x.indexrelid
         JOIN pg_class t ON t.oid = x.indrelid
         JOIN pg_namespace n ON n.oid = t.relnamespace
        WHERE n.nspname = current_schema() AND t.relname <> $1`,
      [IGNORED_TABLE],
    );
    for (const row of indexes.rows) {
      table(row.table).indexes[row.name] = { primary: row.primary, unique: row.unique, columns: row.columns };
    }

    const foreignKeys = await client.query<{
      table: string;
      name: string;
      columns: string[];
      referenced_table: string;
      referenced_columns: string[];
      on_delete: string;
      on_update: string;
    }>(
      `SELECT t.relname AS table, c.conname AS name,
              (SELECT array_agg(a.attname::text ORDER BY k.ord)
                 FROM unnest(c.conkey) WITH ORDINALITY k(attnum, ord)
                 JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum) AS columns,
              r.relname AS referenced_table,
              (SELECT array_agg(a.attname::text ORDER BY k.ord)
                 FROM unnest(c.confkey) WITH ORDINALITY k(attnum, ord)
                 JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum) AS referenced_columns,
              c.confdeltype AS on_delete, c.confupdtype AS on_update
         FROM pg_constraint c
         JOIN pg_class t ON t.oid = c.conrelid
         JOIN pg_class r ON r.oid = c.confrelid
         JOIN pg_namespace n ON n.oid = t.relnamespace
        WHERE c.contype = 'f' AND n.nspname = current_schema()`,
    );
    for (const row of foreignKeys.rows) {
      table(row.table).foreignKeys[row.name] = {
        columns: row.columns,
        referencedTable: row.referenced_table,
        referencedColumns: row.referenced_columns,
        onDelete: action(row.on_delete),
        onUpdate: action(row.on_update),
      };
    }

    const enums = await client.query<{ name: string; values: string[] }>(
      `SELECT t.typname AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS values
         FROM pg_type t
         JOIN pg_enum e ON e.enumtypid = t.oid
         JOIN pg_namespace n ON n.oid = t.typnamespace
        WHERE n.nspname = current_schema()
        GROUP BY t.typname`,
    );
    return { enums: Object.fromEntries(enums.rows.map((row) => [row.name, row.values])), tables };
  } finally {
    await client.end();
  }
}

function action(code: string): ReferentialAction {
  const known = ACTIONS[code];
  if (!known) throw new Error(`Unknown pg_constraint action code ${code}`);
  return known;
}
