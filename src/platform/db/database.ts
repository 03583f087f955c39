import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { migrationsDir } from '../paths.js';

export type Orm = PgDatabase<PgQueryResultHKT>;
/** A transaction handle: every service query runs on one, as the application role, with its scope set. */
export type Tx = Parameters<Parameters<Orm['transaction']>[0]>[0];

/** Whose eyes a transaction sees through; row-level security policies read it. */
export type Scope = { kind: 'vendor' } | { kind: 'system' } | { kind: 'partner'; partnerId: string };

export interface Database {
  readonly backend: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction as `trellis_app` with the scope set for that transaction only. */
  run<T>(scope: Scope, fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** The owner's connection: migrations, tests and operator tools only — it is not subject to RLS. */
  readonly owner: Orm;
  /** Applies the migrations of `folder` (all of this build's by default) that the database lacks. */
  migrate(folder?: string): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

// any number that no other advisory lock of this database uses
const MIGRATION_LOCK = 7_226_115_001;

function makeRun(orm: Orm): Database['run'] {
  return (scope, fn) =>
    orm.transaction(async (tx) => {
      await tx.execute(sql`set local role trellis_app`);
      const partnerId = scope.kind === 'partner' ? scope.partnerId : '';
      await tx.execute(
        sql`select set_config('trellis.scope', ${scope.kind}, true), set_config('trellis.partner_id', ${partnerId}, true)`,
      );
      return fn(tx);
    });
}

export async function openPostgres(url: string, options: { max?: number } = {}): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10 });
  // an idle client's error (server restart) must not crash the process; the next query reconnects
  pool.on('error', () => undefined);
  const orm = drizzlePg(pool);
  return {
    backend: 'postgres',
    owner: orm,
    run: makeRun(orm),
    async migrate(folder = migrationsDir) {
      const client = await pool.connect();
      try {
        // several instances may start at once: one migrates, the others wait and then find nothing to do
        await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
        await migratePg(drizzlePg(client), { migrationsFolder: folder });
      } finally {
        await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
        client.release();
      }
    },
    async ping() {
      await pool.query('select 1');
    },
    async close() {
      await pool.end();
    },
  };
}

/**
 * Relaxed durability would answer a query before its changes reach the data folder, so a crash right after
 * a write was acknowledged could lose it. It stays off: an acknowledged write is in the folder.
 */
export const PGLITE_DURABILITY = { relaxedDurability: false } as const;

/** The embedded database: a folder on disk, or memory when `dataDir` is undefined (tests). */
export async function openPglite(dataDir: string | undefined): Promise<Database> {
  // trigram matching finds customers registered under a slightly different name (deal conflicts)
  const options = { extensions: { pg_trgm }, ...PGLITE_DURABILITY };
  const client = dataDir ? await PGlite.create(dataDir, options) : await PGlite.create(options);
  const orm = drizzlePglite(client);
  return {
    backend: 'pglite',
    owner: orm,
    run: makeRun(orm),
    async migrate(folder = migrationsDir) {
      await migratePglite(drizzlePglite(client), { migrationsFolder: folder });
    },
    async ping() {
      await client.query('select 1');
    },
    async close() {
      await client.close();
    },
  };
}
