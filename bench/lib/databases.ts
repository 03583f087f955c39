import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { withClient } from '../../src/test/database.js';

/** Fresh databases on the benchmark's PostgreSQL server, dropped at the end unless asked to keep them. */

export const serverUrl = process.env.TRELLIS_BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

export function databaseUrl(name: string): string {
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

export const onServer = <T>(fn: (client: pg.Client) => Promise<T>, url = serverUrl): Promise<T> => withClient(url, fn);

export async function createDatabase(label: string): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `trellis_bench_${label}_${randomBytes(4).toString('hex')}`;
  await onServer((c) => c.query(`create database ${name}`));
  return {
    name,
    url: databaseUrl(name),
    drop: () => onServer((c) => c.query(`drop database if exists ${name} with (force)`)).then(() => undefined),
  };
}

/** The server's settings that decide what a commit and a scan cost. */
export async function serverSettings(url: string): Promise<Record<string, string>> {
  return onServer(async (c) => {
    const names = [
      'server_version',
      'shared_buffers',
      'work_mem',
      'synchronous_commit',
      'fsync',
      'wal_level',
      'autovacuum',
      'max_connections',
      'gin_pending_list_limit',
    ];
    const { rows } = await c.query<{ name: string; setting: string; unit: string | null }>(
      'select name, setting, unit from pg_settings where name = any($1)',
      [names],
    );
    return Object.fromEntries(rows.map((r) => [r.name, r.unit ? `${r.setting} ${r.unit}` : r.setting]));
  }, url);
}
