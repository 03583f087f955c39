import { eq } from 'drizzle-orm';
import type { TestDatabase } from '../../test/database.js';
import { type Database, openPostgres } from '../db/database.js';
import { jobs } from './schema.js';
import type { JobRunner } from './runner.js';

/** Test support for the job runner; not used by the app. */

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Another server instance's view of the same database: its own connection pool on PostgreSQL; on the
 * embedded database, which has one connection, the same handle.
 */
export async function peerOf(db: TestDatabase): Promise<{ db: Database; close: () => Promise<void> }> {
  if (!db.url) return { db, close: async () => undefined };
  const peer = await openPostgres(db.url, { max: 10 });
  return { db: peer, close: () => peer.close() };
}

export async function jobRows(db: Database, kind?: string) {
  const query = db.owner.select().from(jobs);
  return kind ? query.where(eq(jobs.kind, kind)) : query;
}

/** Ticks every runner in its own loop, concurrently, until `done()` or the deadline. */
export async function tickUntil(
  runners: JobRunner[],
  done: () => boolean | Promise<boolean>,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let finished = false;
  await Promise.all(
    runners.map(async (runner) => {
      while (!finished) {
        if (Date.now() > deadline) throw new Error('tickUntil: timed out');
        const result = await runner.tick();
        if (await done()) finished = true;
        else if (result.claimed === 0) await sleep(5);
      }
    }),
  );
}
