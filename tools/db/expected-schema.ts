import { getDMMF, type GetDMMFError } from '@prisma/get-dmmf';
import type { ColumnShape, ReferentialAction, SchemaShape, TableShape } from './schema-shape';

type Datamodel = Exclude<ReturnType<typeof getDMMF>, GetDMMFError>['datamodel'];
type Model = Datamodel['models'][number];
type DatamodelEnum = Datamodel['enums'][number];
type Field = Model['fields'][number];

/** Column types of fields without `@db.*`, as Prisma's postgres connector creates them. */
const SCALAR_TYPES: Record<string, string> = {
  String: 'text',
  Boolean: 'boolean',
  Int: 'integer',
  BigInt: 'bigint',
  Float: 'double precision',
  Decimal: 'numeric(65,30)',
  DateTime: 'timestamp(3) without time zone',
  Json: 'jsonb',
  Bytes: 'bytea',
};

/** `@db.*` native types → `format_type()` spelling: [name, suffix after the (modifiers)]. */
const NATIVE_TYPES: Record<string, readonly [string, string?]> = {
  Text: ['text'],
  Char: ['character'],
  VarChar: ['character varying'],
  Bit: ['bit'],
  VarBit: ['bit varying'],
  Uuid: ['uuid'],
  Xml: ['xml'],
  Inet: ['inet'],
  Citext: ['citext'],
  Boolean: ['boolean'],
  SmallInt: ['smallint'],
  Integer: ['integer'],
  BigInt: ['bigint'],
  Oid: ['oid'],
  Real: ['real'],
  DoublePrecision: ['double precision'],
  Decimal: ['numeric'],
  Money: ['money'],
  Timestamp: ['timestamp', ' without time zone'],
  Timestamptz: ['timestamp', ' with time zone'],
  Date: ['date'],
  Time: ['time', ' without time zone'],
  Timetz: ['time', ' with time zone'],
  Json: ['json'],
  JsonB: ['jsonb'],
  ByteA: ['bytea'],
};

/**
 * The PostgreSQL schema that `prisma migrate` would create for `schemaText`, read through
 * Prisma's own parser (DMMF) and Prisma's naming conventions (`<table>_pkey`,
 * `<table>_<columns>_key|idx|fkey`, default referential actions).
 */
export function expectedSchema(schemaText: string): SchemaShape {
  const dmmf = getDMMF({ datamodel: schemaText });
  if ('error' in dmmf) throw new Error(`schema.prisma does not parse: ${dmmf.reason}`, { cause: dmmf.error });
  const { datamodel } = dmmf;
  const models = new Map(datamodel.models.map((model) => [model.name, model]));
  const enums = new Map(datamodel.enums.map((e) => [e.name, e]));

  const tables: Record<string, TableShape> = {};
  for (const model of datamodel.models) {
    const table = tableName(model);
    const columns: Record<string, ColumnShape> = {};
    for (const field of model.fields) {
      if (field.kind === 'object') continue;
      const type = columnType(field, enums);
      columns[columnName(field)] = {
        type,
        // Prisma creates list columns without NOT NULL even though the field is "required".
        nullable: !field.isRequired || field.isList,
        default: columnDefault(field, type, table, enums),
      };
    }
    tables[table] = { columns, indexes: {}, foreignKeys: foreignKeys(model, models) };
  }

  for (const index of datamodel.indexes) {
    const model = models.get(index.model);
    const table = model && tables[tableName(model)];
    if (!model || !table) throw new Error(`Index on unknown model ${index.model}`);
    if (index.type === 'fulltext') throw new Error('Full-text indexes do not exist on PostgreSQL');
    const columns = index.fields.map((indexField) => columnName(field(model, indexField.name)));
    const suffix = { id: 'pkey', unique: 'key', normal: 'idx' }[index.type];
    const defaultName =
      index.type === 'id' ? `${tableName(model)}_pkey` : `${tableName(model)}_${columns.join('_')}_${suffix}`;
    table.indexes[index.dbName ?? defaultName] = {
      primary: index.type === 'id',
      unique: index.type !== 'normal',
      columns,
    };
  }

  return {
    enums: Object.fromEntries(
      datamodel.enums.map((e) => [e.dbName ?? e.name, e.values.map((value) => value.dbName ?? value.name)]),
    ),
    tables,
  };
}

function tableName(model: Model): string {
  return model.dbName ?? model.name;
}

function columnName(field: Field): string {
  return field.dbName ?? field.name;
}

function field(model: Model, name: string): Field {
  const found = model.fields.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`${model.name} has no field ${name}`);
  return found;
}

/** An identifier as PostgreSQL prints it: quoted unless plain lower case. */
function identifier(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) ? name : `"${name.replaceAll('"', '""')}"`;
}

function columnType(field: Field, enums: Map<string, DatamodelEnum>): string {
  const enumType = enums.get(field.type);
  const base = field.kind === 'enum' && enumType ? identifier(enumType.dbName ?? enumType.name) : baseType(field);
  if (base === undefined) throw new Error(`No PostgreSQL type known for ${field.name}: ${field.type}`);
  return field.isList ? `${base}[]` : base;
}

function baseType(field: Field): string | undefined {
  if (!field.nativeType) return SCALAR_TYPES[field.type];
  const [name, args] = field.nativeType;
  const native = NATIVE_TYPES[name];
  if (!native) return undefined;
  const modifiers = args.length > 0 ? `(${args.join(',')})` : '';
  return `${native[0]}${modifiers}${native[1] ?? ''}`;
}

/** The default as `pg_get_expr()` prints it; null where Prisma computes it in the client. */
function columnDefault(
  field: Field,
  type: string,
  table: string,
  enums: Map<string, DatamodelEnum>,
): string | null {
  const value = field.default;
  if (value === undefined) return null;
  if (typeof value === 'object' && 'name' in value) {
    switch (value.name) {
      case 'now':
        return 'CURRENT_TIMESTAMP';
      case 'uuid':
      case 'cuid':
      case 'nanoid':
      case 'ulid':
        return null;
      case 'autoincrement':
        return `nextval('${identifier(`${table}_${columnName(field)}_seq`)}'::regclass)`;
      case 'dbgenerated':
        return String(value.args[0]);
    }
  } else if (typeof value === 'object') {
    if (value.length === 0) return `ARRAY[]::${type}`;
  } else if (typeof value === 'boolean' || typeof value === 'number') {
    return String(value);
  } else if (field.kind === 'enum') {
    const values = enums.get(field.type)?.values ?? [];
    const label = values.find((candidate) => candidate.name === value)?.dbName ?? value;
    return `${literal(label)}::${type}`;
  } else if (field.type === 'String') {
    // Cast to the column type without its modifiers: 'x'::character varying.
    return `${literal(value)}::${type.replace(/\(.*\)/, '')}`;
  } else {
    return value;
  }
  throw new Error(`Teach expected-schema.ts how Prisma renders the default of ${field.name}`);
}

function literal(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

function foreignKeys(model: Model, models: Map<string, Model>): TableShape['foreignKeys'] {
  const keys: TableShape['foreignKeys'] = {};
  for (const relation of model.fields) {
    const from = relation.relationFromFields ?? [];
    if (relation.kind !== 'object' || from.length === 0) continue;
    const target = models.get(relation.type);
    if (!target) throw new Error(`Relation ${model.name}.${relation.name} to unknown model`);
    const columns = from.map((name) => columnName(field(model, name)));
    keys[`${tableName(model)}_${columns.join('_')}_fkey`] = {
      columns,
      referencedTable: tableName(target),
      referencedColumns: (relation.relationToFields ?? []).map((name) => columnName(field(target, name))),
      // Prisma's defaults: Restrict for a required relation, SetNull for an optional one.
      onDelete: referentialAction(relation.relationOnDelete ?? (relation.isRequired ? 'Restrict' : 'SetNull')),
      onUpdate: referentialAction(relation.relationOnUpdate ?? 'Cascade'),
    };
  }
  return keys;
}

const REFERENTIAL_ACTIONS = ['Cascade', 'Restrict', 'NoAction', 'SetNull', 'SetDefault'] as const;

function referentialAction(action: string): ReferentialAction {
  const known = REFERENTIAL_ACTIONS.find((candidate) => candidate === action);
  if (!known) throw new Error(`Unknown referential action ${action}`);
  return known;
}
