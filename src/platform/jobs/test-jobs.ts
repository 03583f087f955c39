import { sql } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import type { EventJobPayload, JobRegistry } from './registry.js';

/**
 * Job kinds for the tests that run several server processes on one database (TRELLIS_TEST_JOBS=1 only). Each
 * handling is written to the log, which the tests read from every process to count who ran what.
 */
export const TEST_JOB = { count: 'test.count', event: 'test.event', block: 'test.block', scheduled: 'test.scheduled' };
export const TEST_SCHEDULES = { once: 'test.once', often: 'test.often' };
export const TEST_JOB_HANDLED = 'Test job handled';
export const TEST_JOB_STARTED = 'Test job started';

export function registerTestJobs(registry: JobRegistry, deps: { db: Database }): void {
  registry.handle(TEST_JOB.count, async (job, { log, instanceId }) => {
    log.info({ test: { kind: job.kind, jobId: job.id, instanceId } }, TEST_JOB_HANDLED);
  });
  registry.handle(TEST_JOB.event, async (job, { log, instanceId }) => {
    const { eventId } = job.payload as EventJobPayload;
    log.info({ test: { kind: job.kind, jobId: job.id, eventId, instanceId } }, TEST_JOB_HANDLED);
  });
  // holds its job until the test releases the advisory lock named in the payload (PostgreSQL only)
  registry.handle(TEST_JOB.block, async (job, { log, instanceId }) => {
    const lock = Number(job.payload.lock);
    log.info({ test: { kind: job.kind, jobId: job.id, instanceId, attempt: job.attempts } }, TEST_JOB_STARTED);
    await deps.db.run({ kind: 'system' }, (tx) => tx.execute(sql`select pg_advisory_xact_lock(${lock})`));
    log.info({ test: { kind: job.kind, jobId: job.id, instanceId, attempt: job.attempts } }, TEST_JOB_HANDLED);
  });
  registry.handle(TEST_JOB.scheduled, async (job, { log, instanceId }) => {
    const { schedule, scheduledFor } = job.payload as { schedule: string; scheduledFor: string };
    log.info({ test: { kind: job.kind, jobId: job.id, schedule, scheduledFor, instanceId } }, TEST_JOB_HANDLED);
  });
  registry.subscribe('*', TEST_JOB.event);
  // due once at first start, then not for a day: several ticks of three processes must run it once
  registry.schedule(TEST_SCHEDULES.once, 86_400, TEST_JOB.scheduled);
  registry.schedule(TEST_SCHEDULES.often, 2, TEST_JOB.scheduled);
}
