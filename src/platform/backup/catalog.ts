import { sql } from 'drizzle-orm';
import type { Orm, Tx } from '../db/database.js';

type Queryable = Orm | Tx;
export type Column = { name: string; type: string; bytea: boolean; generated: boolean; identity: boolean };
export type Table = { name: string; columns: Column[]; primaryKey: string[] };

export const rowsOf = async <T>(db: Queryable, query: ReturnType<typeof sql>): Promise<T[]> =>
  ((await db.execute(query)) as unknown as { rows: T[] }).rows;

/**
 * Fixes every setting that shapes how values print, so that both backends (and any PostgreSQL version)
 * write the same text for the same value: times in UTC, ISO dates, hex bytea, shortest exact floats.
 */
export async function canonicalOutput(tx: Tx): Promise<void> {
  await tx.execute(
    sql`select set_config('timezone', 'UTC', true), set_config('datestyle', 'ISO, YMD', true),
          set_config('intervalstyle', 'postgres', true), set_config('bytea_output', 'hex', true),
          set_config('extra_float_digits', '1', true)`,
  );
}

/** The application's tables (schema public), their columns in order and primary keys. */
export async function readTables(db: Queryable): Promise<Table[]> {
  const rows = await rowsOf<{
    table: string;
    column: string;
    type: string;
    bytea: boolean;
    generated: boolean;
    identity: boolean;
    pk: boolean;
  }>(
    db,
    sql`select c.relname as "table", a.attname as "column", format_type(a.atttypid, a.atttypmod) as "type",
          a.atttypid = 'bytea'::regtype as bytea, a.attgenerated <> '' as generated, a.attidentity <> '' as identity,
          exists (select 1 from pg_index i where i.indrelid = c.oid and i.indisprimary and a.attnum = any(i.indkey)) as pk
        from pg_class c
        join pg_namespace n on n.oid = c.relnamespace
        join pg_attribute a on a.attrelid = c.oid
        where n.nspname = 'public' and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped
        order by c.relname, a.attnum`,
  );
  const tables = new Map<string, Table>();
  for (const r of rows) {
    const t = tables.get(r.table) ?? { name: r.table, columns: [], primaryKey: [] };
    tables.set(r.table, t);
    t.columns.push({ name: r.column, type: r.type, bytea: r.bytea, generated: r.generated, identity: r.identity });
    if (r.pk) t.primaryKey.push(r.column);
  }
  return [...tables.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** The columns a backup carries: generated ones are computed again by the target. */
export const storedColumns = (t: Table) => t.columns.filter((c) => !c.generated);

/**
 * A table's row count and checksum, the same on both backends: each row prints as the text of a record of
 * its columns in name order, each such text is hashed, and the sorted hashes are hashed again — so neither
 * the physical order, the column order nor the collation changes it. Run after canonicalOutput().
 */
export async function tableChecksum(tx: Tx, t: Table): Promise<{ rows: number; checksum: string }> {
  const names = t.columns.map((c) => c.name).sort();
  const record = sql.join(
    names.map((n) => sql.identifier(n)),
    sql`, `,
  );
  const [row] = await rowsOf<{ rows: string; checksum: string }>(
    tx,
    sql`select count(*)::text as rows,
          encode(sha256(convert_to(coalesce(string_agg(h, '' order by h collate "C"), ''), 'UTF8')), 'hex') as checksum
        from (select encode(sha256(convert_to(row(${record})::text, 'UTF8')), 'hex') as h from ${sql.identifier(t.name)}) s`,
  );
  return { rows: Number(row!.rows), checksum: row!.checksum };
}

export type Sequence = { name: string; lastValue: string; isCalled: boolean };

/** The sequences behind serial and identity columns; restored as they were, so numbers are never handed out twice. */
export async function readSequences(tx: Tx): Promise<Sequence[]> {
  const names = await rowsOf<{ name: string }>(
    tx,
    sql`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind = 'S' order by c.relname`,
  );
  const out: Sequence[] = [];
  for (const { name } of names) {
    const [s] = await rowsOf<{ last: string; called: boolean }>(
      tx,
      sql`select last_value::text as last, is_called as called from ${sql.identifier(name)}`,
    );
    out.push({ name, lastValue: s!.last, isCalled: s!.called });
  }
  return out;
}

/** Foreign keys, dropped while rows go in (any order, cycles and self-references alike) and added back after. */
export async function readForeignKeys(tx: Tx): Promise<{ table: string; name: string; definition: string }[]> {
  return rowsOf(
    tx,
    sql`select c.relname as "table", k.conname as name, pg_get_constraintdef(k.oid) as definition
        from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and k.contype = 'f' order by c.relname, k.conname`,
  );
}
