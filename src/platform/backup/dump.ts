import { sql } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { appliedMigration, knownMigrations } from '../db/migrations.js';
import { trellisVersion } from '../paths.js';
import { canonicalOutput, readSequences, readTables, rowsOf, storedColumns, tableChecksum } from './catalog.js';
import { type BackupHeader, FORMAT } from './format.js';

// rows per fetch: few where a row may hold a file of up to 10 MB, so memory stays small either way
const FETCH_ROWS = 500;
const FETCH_ROWS_WITH_FILES = 4;

/**
 * Writes every application table of `db` as backup lines (format.ts), from one read-only snapshot: the
 * backup is consistent while the server goes on writing. Rows stream through a cursor and `write` may
 * wait (backpressure), so memory stays flat whatever the size of the database.
 */
export async function dump(db: Database, write: (line: string) => Promise<void>): Promise<BackupHeader> {
  return db.owner.transaction(async (tx) => {
    await tx.execute(sql`set transaction isolation level repeatable read, read only`);
    await canonicalOutput(tx);
    const applied = await appliedMigration(tx);
    if (!applied) throw new Error('This database holds no Trellis schema (it was never migrated): nothing to back up.');
    const migration = knownMigrations().find((m) => m.when === applied.when) ?? {
      tag: `unknown-${applied.when}`,
      ...applied,
    };
    const tables = await readTables(tx);
    const [server] = await rowsOf<{ v: string }>(tx, sql`select current_setting('server_version') as v`);
    const header: BackupHeader = {
      format: FORMAT,
      trellis: trellisVersion,
      createdAt: new Date().toISOString(),
      source: { backend: db.backend, server: server!.v },
      migration: { tag: migration.tag, when: applied.when, hash: applied.hash },
      tables: [],
      sequences: await readSequences(tx),
    };
    for (const t of tables) {
      const sum = await tableChecksum(tx, t);
      header.tables.push({
        name: t.name,
        columns: storedColumns(t).map((c) => ({ name: c.name, type: c.type })),
        ...sum,
      });
    }
    await write(JSON.stringify(header));
    let total = 0;
    for (const t of tables) {
      const expected = header.tables.find((h) => h.name === t.name)!.rows;
      await write(JSON.stringify({ table: t.name, rows: expected }));
      const values = storedColumns(t).map((c) =>
        c.bytea
          ? sql`translate(encode(${sql.identifier(c.name)}, 'base64'), E'\\n', '')`
          : sql`${sql.identifier(c.name)}::text`,
      );
      const order = (t.primaryKey.length ? t.primaryKey : t.columns.map((c) => c.name)).map((n) => sql.identifier(n));
      await tx.execute(
        sql`declare trellis_backup no scroll cursor for
            select to_json(array[${sql.join(values, sql`, `)}]::text[])::text as line
            from ${sql.identifier(t.name)} order by ${sql.join(order, sql`, `)}`,
      );
      const size = t.columns.some((c) => c.bytea) ? FETCH_ROWS_WITH_FILES : FETCH_ROWS;
      let seen = 0;
      for (;;) {
        const batch = await rowsOf<{ line: string }>(tx, sql.raw(`fetch forward ${size} from trellis_backup`));
        for (const r of batch) await write(r.line);
        seen += batch.length;
        if (batch.length < size) break;
      }
      await tx.execute(sql`close trellis_backup`);
      if (seen !== expected) throw new Error(`${t.name}: read ${seen} rows where the snapshot counted ${expected}`);
      total += seen;
    }
    await write(JSON.stringify({ end: FORMAT, tables: tables.length, rows: total }));
    return header;
  });
}
