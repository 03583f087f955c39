import { and, eq, lt, sql } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { purgeOldWindows } from '../rate-limit/counter.js';
import type { JobRegistry } from './registry.js';
import { jobs, outboxEvents } from './schema.js';

export const PURGE_JOB = 'jobs.purge';
const DAY_SECONDS = 24 * 60 * 60;

/** Deletes done jobs older than 7 days and dispatched events older than 30; failed jobs stay for inspection. */
export async function purgeOldJobs(db: Database): Promise<{ jobs: number; events: number }> {
  return db.run({ kind: 'system' }, async (tx) => {
    const doneJobs = await tx
      .delete(jobs)
      .where(and(eq(jobs.status, 'done'), lt(jobs.finishedAt, sql`now() - interval '7 days'`)))
      .returning({ id: jobs.id });
    const events = await tx
      .delete(outboxEvents)
      .where(lt(outboxEvents.dispatchedAt, sql`now() - interval '30 days'`))
      .returning({ id: outboxEvents.id });
    return { jobs: doneJobs.length, events: events.length };
  });
}

/** The platform's own jobs; the app calls this once on the registry it builds. */
export function registerPlatformJobs(registry: JobRegistry, deps: { db: Database }): void {
  registry.handle(PURGE_JOB, async (_job, { log }) => {
    const purged = { ...(await purgeOldJobs(deps.db)), rateWindows: await purgeOldWindows(deps.db) };
    log.info(purged, 'Purged old jobs, outbox events and rate-limit windows');
  });
  registry.schedule(PURGE_JOB, DAY_SECONDS, PURGE_JOB);
}
