import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { migrationsDir } from '../paths.js';
import type { Orm, Tx } from './database.js';

/** One migration as the migrator records it: `when` is the number it stores, `hash` the file's sha256. */
export type MigrationId = { tag: string; when: number; hash: string };

type JournalEntry = { tag: string; when: number };

/** The migrations this build knows, oldest first. */
export function knownMigrations(folder = migrationsDir): MigrationId[] {
  const journal = JSON.parse(readFileSync(path.join(folder, 'meta', '_journal.json'), 'utf8')) as {
    entries: JournalEntry[];
  };
  return journal.entries.map((e) => ({
    tag: e.tag,
    when: e.when,
    hash: createHash('sha256')
      .update(readFileSync(path.join(folder, `${e.tag}.sql`)))
      .digest('hex'),
  }));
}

/**
 * The last migration a database has applied, or null when it was never migrated. The migrator applies what is
 * newer than its last record, so the last record says where the schema stands.
 */
export async function appliedMigration(db: Orm | Tx): Promise<{ when: number; hash: string } | null> {
  const exists = (await db.execute(sql`select to_regclass('drizzle.__drizzle_migrations') is not null as found`)) as
    | { rows: { found: boolean }[] }
    | undefined;
  if (!exists?.rows[0]?.found) return null;
  const last = (await db.execute(
    sql`select hash, created_at::text as "when" from drizzle.__drizzle_migrations order by created_at desc limit 1`,
  )) as unknown as { rows: { hash: string; when: string }[] };
  const row = last.rows[0];
  return row ? { when: Number(row.when), hash: row.hash } : null;
}

/**
 * A migrations folder holding only the migrations up to `tag`, for bringing a database to the schema of an
 * older backup before its rows go in (the migrator takes a folder and applies all of it).
 */
export function migrationsUpTo(tag: string, folder = migrationsDir): string {
  const journal = JSON.parse(readFileSync(path.join(folder, 'meta', '_journal.json'), 'utf8')) as {
    entries: JournalEntry[];
  };
  const end = journal.entries.findIndex((e) => e.tag === tag);
  if (end < 0) throw new Error(`Unknown migration ${tag}`);
  const entries = journal.entries.slice(0, end + 1);
  const out = mkdtempSync(path.join(tmpdir(), 'trellis-migrations-'));
  mkdirSync(path.join(out, 'meta'));
  writeFileSync(path.join(out, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries }));
  for (const e of entries) copyFileSync(path.join(folder, `${e.tag}.sql`), path.join(out, `${e.tag}.sql`));
  return out;
}

/** Tables the migrations up to `tag` put rows into (settings singletons): a fresh database is not empty of them. */
export function tablesSeededByMigrations(tag: string, folder = migrationsDir): Set<string> {
  const seeded = new Set<string>();
  for (const m of knownMigrations(folder)) {
    const text = readFileSync(path.join(folder, `${m.tag}.sql`), 'utf8');
    for (const match of text.matchAll(/insert\s+into\s+"?(\w+)"?/gi)) seeded.add(match[1]!);
    if (m.tag === tag) break;
  }
  return seeded;
}
