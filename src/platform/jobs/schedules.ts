import { eq, lte, sql } from 'drizzle-orm';
import type { Tx } from '../db/database.js';
import { enqueueJob } from './enqueue.js';
import type { JobRegistry } from './registry.js';
import { schedules } from './schema.js';

/** Writes the registry's schedules; an existing row keeps its next run time so a restart neither skips nor repeats a run. */
export async function syncSchedules(tx: Tx, registry: JobRegistry): Promise<void> {
  for (const s of registry.schedules) {
    await tx
      .insert(schedules)
      .values({ name: s.name, jobKind: s.jobKind, everySeconds: s.everySeconds, nextRunAt: sql`now()` })
      .onConflictDoUpdate({
        target: schedules.name,
        set: { jobKind: s.jobKind, everySeconds: s.everySeconds },
      });
  }
}

/**
 * Enqueues one job for every schedule that is due and moves its next run past now (skipping missed periods
 * rather than catching up). The row lock, SKIP LOCKED and the dedupe key `schedule:${name}:${nextRunAt}` make
 * each period run once however many instances tick. Returns the number of jobs enqueued.
 */
export async function enqueueDueSchedules(tx: Tx): Promise<number> {
  const due = await tx
    .select()
    .from(schedules)
    .where(lte(schedules.nextRunAt, sql`now()`))
    .for('update', { skipLocked: true });
  let enqueued = 0;
  for (const s of due) {
    const scheduledFor = s.nextRunAt.toISOString();
    const id = await enqueueJob(
      tx,
      s.jobKind,
      { schedule: s.name, scheduledFor },
      { dedupeKey: `schedule:${s.name}:${scheduledFor}` },
    );
    if (id) enqueued += 1;
    const periods = sql`(floor(extract(epoch from (now() - ${schedules.nextRunAt})) / ${schedules.everySeconds}) + 1)`;
    await tx
      .update(schedules)
      .set({
        lastRunAt: sql`now()`,
        nextRunAt: sql`${schedules.nextRunAt} + ((${schedules.everySeconds} * ${periods})::double precision * interval '1 second')`,
      })
      .where(eq(schedules.name, s.name));
  }
  return enqueued;
}
