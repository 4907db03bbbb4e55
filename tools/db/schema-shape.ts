/**
 * A database schema reduced to what `prisma migrate` compares, in PostgreSQL's own spelling
 * (`format_type`, `pg_get_expr`), so that one built from schema.prisma and one read from a live
 * database can be compared with a plain deep equality.
 */
export interface SchemaShape {
  /** Enum type name → labels in order. */
  enums: Record<string, string[]>;
  tables: Record<string, TableShape>;
}

export interface TableShape {
  columns: Record<string, ColumnShape>;
  /** Index name → definition; includes the primary key's index (`<table>_pkey`). */
  indexes: Record<string, IndexShape>;
  foreignKeys: Record<string, ForeignKeyShape>;
}

export interface ColumnShape {
  /** As `format_type()` prints it, e.g. `character varying(64)`, `text[]`. */
  type: string;
  nullable: boolean;
  /** As `pg_get_expr()` prints it, e.g. `CURRENT_TIMESTAMP`; null when there is none. */
  default: string | null;
}

export interface IndexShape {
  primary: boolean;
  unique: boolean;
  columns: string[];
}

/** Referential actions, named as in schema.prisma. */
export type ReferentialAction = 'Cascade' | 'Restrict' | 'NoAction' | 'SetNull' | 'SetDefault';

export interface ForeignKeyShape {
  columns: string[];
  referencedTable: string;
  referencedColumns: string[];
  onDelete: ReferentialAction;
  onUpdate: ReferentialAction;
}
