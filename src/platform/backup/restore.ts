import { rmSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import type { Database, Tx } from '../db/database.js';
import { appliedMigration, knownMigrations, migrationsUpTo, tablesSeededByMigrations } from '../db/migrations.js';
import {
  canonicalOutput,
  readForeignKeys,
  readSequences,
  readTables,
  rowsOf,
  storedColumns,
  type Table,
  tableChecksum,
} from './catalog.js';
import {
  type BackupHeader,
  endSchema,
  headerSchema,
  sectionSchema,
  type TableCheck,
  type TableHeader,
} from './format.js';

/** A refusal or a failed check the operator can act on; the message says what to do. */
export class BackupError extends Error {
  constructor(
    message: string,
    readonly checks: TableCheck[] = [],
  ) {
    super(message);
    this.name = 'BackupError';
  }
}

export type RestoreResult = { header: BackupHeader; checks: TableCheck[]; migratedTo: string };

const damaged = (what: string) => new BackupError(`The backup file is damaged: ${what}.`);

// rows per insert: bounded by count and by size, so that files of 10 MB do not pile up
const BATCH_ROWS = 500;
const BATCH_CHARS = 8 * 1024 * 1024;

/** The header line, or a clear refusal for a file that is not a Trellis backup. */
export function parseHeader(line: string | undefined): BackupHeader {
  let value: unknown;
  try {
    value = JSON.parse(line ?? '');
  } catch {
    throw new BackupError('This is not a Trellis backup: its first line is not a backup header.');
  }
  const format = (value as { format?: unknown } | null)?.format;
  if (typeof format === 'string' && format.startsWith('trellis.backup/') && format !== headerSchema.shape.format.value)
    throw new BackupError(`This backup has the format ${format}, which this Trellis does not read. Upgrade Trellis.`);
  const parsed = headerSchema.safeParse(value);
  if (!parsed.success) throw new BackupError('This is not a Trellis backup: its header is not one.');
  return parsed.data;
}

/** The migration the backup's rows fit, refusing a backup of a schema this build does not know (a newer one). */
function backupMigration(header: BackupHeader) {
  const known = knownMigrations();
  const found = known.find((m) => m.when === header.migration.when);
  if (found) return found;
  const latest = known.at(-1)!;
  if (header.migration.when > latest.when)
    throw new BackupError(
      `This backup was made by a newer Trellis (${header.trellis}, schema ${header.migration.tag}); this one knows the schema up to ${latest.tag}. Upgrade Trellis, then restore.`,
    );
  throw new BackupError(`This backup's schema (${header.migration.tag}) is not one this Trellis knows.`);
}

/** Refuses a target that holds anything: a restore never mixes or overwrites data. */
async function requireEmpty(target: Database, upTo: number, tag: string): Promise<void> {
  const applied = await appliedMigration(target.owner);
  const tables = await readTables(target.owner);
  if (!applied) {
    if (tables.length > 0)
      throw new BackupError(
        `The target database has tables of its own (${tables
          .slice(0, 3)
          .map((t) => t.name)
          .join(', ')}…) and is not a Trellis database. Restore into an empty database.`,
      );
    return;
  }
  const seeded = tablesSeededByMigrations(tag);
  const holding: string[] = [];
  for (const t of tables) {
    if (seeded.has(t.name)) continue;
    const [row] = await rowsOf<{ n: string }>(
      target.owner,
      sql`select count(*)::text as n from ${sql.identifier(t.name)}`,
    );
    if (Number(row!.n) > 0) holding.push(`${t.name} (${row!.n})`);
  }
  if (holding.length > 0)
    throw new BackupError(
      `The target database is not empty: ${holding.slice(0, 5).join(', ')}${holding.length > 5 ? ', …' : ''}. ` +
        'A restore never overwrites data: restore into a new database or a new data folder, check it, then point Trellis to it.',
    );
  if (applied.when > upTo)
    throw new BackupError(
      `The target database was migrated past this backup's schema (${tag}). Restore into a new, empty database: the restore migrates it.`,
    );
}

function sameColumns(t: TableHeader, target: Table): boolean {
  const mine = storedColumns(target)
    .map((c) => `${c.name} ${c.type}`)
    .sort();
  const theirs = t.columns.map((c) => `${c.name} ${c.type}`).sort();
  return mine.join('\n') === theirs.join('\n');
}

async function insertBatch(tx: Tx, t: TableHeader, target: Table, lines: string[]): Promise<void> {
  const types = new Map(target.columns.map((c) => [c.name, c]));
  const values = t.columns.map((c, i) => {
    const column = types.get(c.name)!;
    const field = sql.raw(`r ->> ${i}`);
    return column.bytea ? sql`decode(${field}, 'base64')` : sql`(${field})::${sql.raw(column.type)}`;
  });
  const names = t.columns.map((c) => sql.identifier(c.name));
  const identity = target.columns.some((c) => c.identity) ? sql` overriding system value` : sql``;
  await tx.execute(
    sql`insert into ${sql.identifier(t.name)} (${sql.join(names, sql`, `)})${identity}
        select ${sql.join(values, sql`, `)} from json_array_elements(${`[${lines.join(',')}]`}::json) as r`,
  );
}

/**
 * Restores a backup (its lines) into `target`, which must be empty: migrates it to the backup's schema, loads
 * every table in one transaction, checks each table's count and checksum against the backup's — any
 * difference and nothing is kept — and then migrates it to this build's schema.
 */
export async function restore(target: Database, lines: AsyncIterable<string>): Promise<RestoreResult> {
  const input = lines[Symbol.asyncIterator]();
  const next = async () => {
    const r = await input.next();
    return r.done ? undefined : r.value;
  };
  const header = parseHeader(await next());
  const migration = backupMigration(header);
  await requireEmpty(target, migration.when, migration.tag);
  const folder = migrationsUpTo(migration.tag);
  try {
    await target.migrate(folder);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }

  const checks = await target.owner.transaction(async (tx) => {
    await canonicalOutput(tx);
    const tables = new Map((await readTables(tx)).map((t) => [t.name, t]));
    for (const t of header.tables) {
      const mine = tables.get(t.name);
      if (!mine || !sameColumns(t, mine))
        throw new BackupError(`The backup's table ${t.name} does not match this Trellis's schema ${migration.tag}.`);
    }
    // rows the migrations put in (settings) are replaced by the backup's own
    if (tables.size > 0)
      await tx.execute(
        sql`truncate table ${sql.join(
          [...tables.keys()].map((n) => sql.identifier(n)),
          sql`, `,
        )}`,
      );
    const foreignKeys = await readForeignKeys(tx);
    for (const fk of foreignKeys)
      await tx.execute(sql`alter table ${sql.identifier(fk.table)} drop constraint ${sql.identifier(fk.name)}`);

    let total = 0;
    for (const t of header.tables) {
      const line = await next();
      if (line === undefined) throw damaged(`it ends before the table ${t.name} (cut short)`);
      let section;
      try {
        section = sectionSchema.parse(JSON.parse(line));
      } catch {
        throw damaged(`where the table ${t.name} should start, there is something else`);
      }
      if (section.table !== t.name || section.rows !== t.rows)
        throw damaged(`the table ${section.table} is out of place or its count differs from the header`);
      let batch: string[] = [];
      let chars = 0;
      for (let i = 0; i < t.rows; i++) {
        const row = await next();
        if (row === undefined) throw damaged(`it ends in the middle of the table ${t.name} (cut short)`);
        if (!row.startsWith('[')) throw damaged(`the table ${t.name} has fewer rows than its count`);
        batch.push(row);
        chars += row.length;
        if (batch.length >= BATCH_ROWS || chars >= BATCH_CHARS) {
          await insertBatch(tx, t, tables.get(t.name)!, batch);
          batch = [];
          chars = 0;
        }
      }
      if (batch.length) await insertBatch(tx, t, tables.get(t.name)!, batch);
      total += t.rows;
    }
    const last = await next();
    let end;
    try {
      end = endSchema.parse(JSON.parse(last ?? ''));
    } catch {
      throw damaged(last === undefined ? 'it was cut short (its last line is missing)' : 'its last line is wrong');
    }
    if (end.rows !== total || end.tables !== header.tables.length) throw damaged('its totals do not add up');
    if ((await next()) !== undefined) throw damaged('there is more after its last line');

    for (const fk of foreignKeys)
      await tx.execute(
        sql`alter table ${sql.identifier(fk.table)} add constraint ${sql.identifier(fk.name)} ${sql.raw(fk.definition)}`,
      );
    const sequences = new Set((await readSequences(tx)).map((s) => s.name));
    for (const s of header.sequences) {
      if (!sequences.has(s.name)) continue;
      await tx.execute(
        sql`select setval(${`"${s.name.replace(/"/g, '""')}"`}::regclass, ${s.lastValue}::bigint, ${s.isCalled})`,
      );
    }

    const results: TableCheck[] = [];
    for (const t of header.tables) {
      const found = await tableChecksum(tx, tables.get(t.name)!);
      results.push({
        table: t.name,
        rows: found.rows,
        expectedRows: t.rows,
        ok: found.checksum === t.checksum && found.rows === t.rows,
      });
    }
    const after = await readSequences(tx);
    const sequencesOk = header.sequences.every((s) =>
      after.some((a) => a.name === s.name && a.lastValue === s.lastValue && a.isCalled === s.isCalled),
    );
    if (results.some((r) => !r.ok) || !sequencesOk)
      throw new BackupError(
        `The restored rows do not match the backup's checksums (${results
          .filter((r) => !r.ok)
          .map((r) => r.table)
          .join(', ')}${sequencesOk ? '' : ' and the sequences'}); nothing was kept.`,
        results,
      );
    return results;
  });
  await target.migrate();
  return { header, checks, migratedTo: knownMigrations().at(-1)!.tag };
}
