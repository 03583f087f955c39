import { createWriteStream, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { Config } from '../config.js';
import { LOCAL_TOKEN_PREFIX } from '../modules/identity/http-auth.js';
import { channel } from '../platform/backup/channel.js';
import { dump } from '../platform/backup/dump.js';
import { readBackupFile, writeBackupFile } from '../platform/backup/file.js';
import type { BackupHeader, TableCheck } from '../platform/backup/format.js';
import { BackupError, parseHeader, restore, type RestoreResult } from '../platform/backup/restore.js';
import { readLock } from '../platform/db/data-lock.js';
import { type Database, openPglite, openPostgres } from '../platform/db/database.js';
import { openConfiguredDatabase } from '../server.js';

export type BackupSummary = { file: string; bytes: number; tables: number; rows: number; via: string };

/** A URL fit to print: the password replaced. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(an unreadable URL)';
  }
}

const hasEmbeddedDatabase = (dataDir: string) => existsSync(path.join(dataDir, 'pgdata', 'PG_VERSION'));

/** Opens the configured database for a backup, as it is: no migration, nothing written. */
async function openSource(config: Config): Promise<{ db: Database; close: () => Promise<void>; via: string }> {
  if (!config.databaseUrl && !hasEmbeddedDatabase(config.dataDir))
    throw new BackupError(`There is no Trellis database in ${config.dataDir} (set TRELLIS_DATA_DIR or DATABASE_URL).`);
  const { db, lock } = await openConfiguredDatabase(config, 'cli');
  const via = config.databaseUrl
    ? `PostgreSQL at ${redactUrl(config.databaseUrl)}`
    : `the data folder ${config.dataDir}`;
  return {
    db,
    via,
    close: async () => {
      await db.close();
      lock?.release();
    },
  };
}

const defaultFileName = () => `trellis-backup-${new Date().toISOString().replace(/[:.]/g, '-')}.jsonl.gz`;

/** Reads a whole backup file and checks its shape (header, sections, last line), without a database. */
async function checkFileShape(file: string): Promise<{ header: BackupHeader; rows: number }> {
  const lines = readBackupFile(file);
  const first = await lines.next();
  const header = parseHeader(first.done ? undefined : first.value);
  let last = '';
  for await (const line of lines) last = line;
  const end = JSON.parse(last || '{}') as { end?: string; rows?: number };
  if (end.end !== header.format) throw new BackupError('The backup was cut short: its last line is missing.');
  return { header, rows: end.rows ?? 0 };
}

/** The running server that holds the embedded database writes the backup; the CLI saves it. */
async function backupThroughServer(url: string, token: string, file: string): Promise<BackupSummary> {
  const response = await fetch(`${url}/api/v1/operator/backup`, {
    headers: { authorization: `Bearer ${LOCAL_TOKEN_PREFIX}${token}` },
  });
  if (!response.ok || !response.body) throw new Error(`The server refused the backup (${response.status}).`);
  const body = Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);
  if (file === '-') {
    await pipeline(body, process.stdout, { end: false });
    return { file, bytes: 0, tables: 0, rows: 0, via: `the running server at ${url}` };
  }
  const partial = `${file}.partial`;
  try {
    await pipeline(body, createWriteStream(partial, { mode: 0o600 }));
    const { header, rows } = await checkFileShape(partial);
    renameSync(partial, file);
    return {
      file,
      bytes: statSync(file).size,
      tables: header.tables.length,
      rows,
      via: `the running server at ${url}`,
    };
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}

/** `trellis backup`: the configured database into one file, while the server (if any) keeps running. */
export async function runBackup(config: Config, output: string | undefined): Promise<BackupSummary> {
  const file = output ?? defaultFileName();
  if (!config.databaseUrl) {
    const held = readLock(config.dataDir);
    if (held?.holder === 'server' && held.url && held.token) return backupThroughServer(held.url, held.token, file);
  }
  const source = await openSource(config);
  try {
    const { result, bytes } = await writeBackupFile(file, (write) => dump(source.db, write));
    return {
      file,
      bytes,
      tables: result.tables.length,
      rows: result.tables.reduce((n, t) => n + t.rows, 0),
      via: source.via,
    };
  } finally {
    await source.close();
  }
}

/** `trellis restore`: a backup file into the configured database, which must be empty; or, dry, into memory. */
export async function runRestore(config: Config, file: string, dryRun: boolean): Promise<RestoreResult> {
  if (dryRun) {
    const scratch = await openPglite(undefined);
    try {
      return await restore(scratch, readBackupFile(file));
    } finally {
      await scratch.close();
    }
  }
  // a file that is no backup is refused before any database is opened or a data folder created
  const lines = readBackupFile(file);
  const first = await lines.next();
  parseHeader(first.done ? undefined : first.value);
  const fresh = !config.databaseUrl && !hasEmbeddedDatabase(config.dataDir);
  const { db, lock } = await openConfiguredDatabase(config, 'cli');
  try {
    return await restore(
      db,
      (async function* () {
        if (!first.done) yield first.value;
        yield* lines;
      })(),
    );
  } catch (error) {
    if (fresh) {
      // a data folder this restore created holds nothing worth keeping after a failure
      await db.close();
      rmSync(path.join(config.dataDir, 'pgdata'), { recursive: true, force: true });
    }
    throw error;
  } finally {
    await db.close().catch(() => undefined);
    lock?.release();
  }
}

/**
 * `trellis move-to-postgres`: the embedded database, streamed straight into an empty PostgreSQL database and
 * checked table by table there. The data folder is only read; the server must be stopped, or what it writes
 * during the copy would be left behind.
 */
export async function runMove(config: Config, to: string): Promise<RestoreResult> {
  if (!/^postgres(ql)?:\/\/[^/]+/.test(to))
    throw new BackupError('--to must be a PostgreSQL URL: postgres://user:password@host:5432/database');
  try {
    new URL(to);
  } catch {
    throw new BackupError('--to is not a valid URL: postgres://user:password@host:5432/database');
  }
  const held = readLock(config.dataDir);
  if (held?.holder === 'server')
    throw new BackupError(
      `A Trellis server (pid ${held.pid}) is running on ${config.dataDir}. Stop it first: what it writes during the copy would not reach PostgreSQL.`,
    );
  const source = await openSource({ ...config, databaseUrl: undefined });
  const target = await openPostgres(to, { max: 2 });
  try {
    try {
      await target.ping();
    } catch (error) {
      throw new BackupError(`Could not connect to ${redactUrl(to)}: ${(error as Error).message}`);
    }
    const lines = channel<string>();
    const copying = dump(source.db, lines.push).then(
      () => lines.close(),
      (error: unknown) => lines.fail(error),
    );
    try {
      return await restore(target, lines);
    } catch (error) {
      lines.fail(error);
      throw error;
    } finally {
      await copying;
    }
  } finally {
    await target.close();
    await source.close();
  }
}

/** The table an operator reads after a restore or a move. */
export const checkRows = (checks: TableCheck[]) =>
  checks.map((c) => ({ table: c.table, rows: String(c.rows), checksum: c.ok ? 'ok' : 'DIFFERS' }));
