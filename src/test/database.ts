import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Database, openPglite, openPostgres } from '../platform/db/database.js';

/** The PostgreSQL server the suite uses when set; otherwise every test database is an in-memory PGlite. */
export const testDatabaseUrl = process.env.TEST_DATABASE_URL || undefined;
export const backendName = testDatabaseUrl ? 'postgres' : 'pglite';

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Runs `fn` on a connection of its own to `url`, closed afterwards. */
export async function withClient<T>(url: string | undefined, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const admin = <T>(fn: (client: pg.Client) => Promise<T>) => withClient(testDatabaseUrl, fn);

/** The URL of a new, empty PostgreSQL database on the test server (dropped by the returned function). */
export async function createPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  if (!testDatabaseUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `trellis_test_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`create database ${name}`));
  return {
    url: withDatabase(testDatabaseUrl, name),
    drop: () => admin((c) => c.query(`drop database if exists ${name} with (force)`)).then(() => undefined),
  };
}

export type TestDatabase = Database & { url: string | undefined };

/** A fresh, migrated database of the backend under test; `close()` also drops it. */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (!testDatabaseUrl) {
    const db = await openPglite(undefined);
    await db.migrate();
    return Object.assign(db, { url: undefined });
  }
  const { url, drop } = await createPostgresDatabase();
  const db = await openPostgres(url, { max: 20 });
  await db.migrate();
  const close = db.close.bind(db);
  return Object.assign(db, {
    url,
    close: async () => {
      await close();
      await drop();
    },
  });
}
