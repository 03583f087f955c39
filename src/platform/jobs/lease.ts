import { and, eq, inArray, lt, lte, or, sql } from 'drizzle-orm';
import type { Tx } from '../db/database.js';
import type { Job, JobPayload } from './registry.js';
import { jobs } from './schema.js';
import { nowPlusMs } from './sql.js';

const MAX_ERROR_LENGTH = 2000;

/** The message of whatever was thrown, cut to a length fit for a column and a console. */
export function errorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message || error.name : String(error);
  return message.length > MAX_ERROR_LENGTH ? `${message.slice(0, MAX_ERROR_LENGTH - 1)}…` : message;
}

/**
 * Claims up to `limit` due jobs for `instanceId`: queued ones whose time has come, and running ones whose lease
 * ran out (their instance died). A job whose lease ran out during its last attempt is failed, not rerun, so a
 * job that kills its process cannot loop forever.
 */
export async function claimJobs(tx: Tx, instanceId: string, limit: number, leaseMs: number): Promise<Job[]> {
  const due = tx
    .select({ id: jobs.id })
    .from(jobs)
    .where(
      or(
        and(eq(jobs.status, 'queued'), lte(jobs.runAt, sql`now()`)),
        and(eq(jobs.status, 'running'), lt(jobs.lockedUntil, sql`now()`)),
      ),
    )
    .orderBy(jobs.runAt)
    .limit(limit)
    .for('update', { skipLocked: true });
  const claimed = await tx
    .update(jobs)
    .set({
      status: 'running',
      lockedBy: instanceId,
      lockedUntil: nowPlusMs(leaseMs),
      attempts: sql`${jobs.attempts} + 1`,
    })
    .where(inArray(jobs.id, due))
    .returning();
  const exhausted = claimed.filter((j) => j.attempts > j.maxAttempts).map((j) => j.id);
  if (exhausted.length > 0) {
    await tx
      .update(jobs)
      .set({
        status: 'failed',
        lastError: 'Its instance stopped during the last attempt (the lease expired)',
        lockedBy: null,
        lockedUntil: null,
        finishedAt: sql`now()`,
      })
      .where(inArray(jobs.id, exhausted));
  }
  return claimed
    .filter((j) => j.attempts <= j.maxAttempts)
    .map((j) => ({
      id: j.id,
      kind: j.kind,
      payload: (j.payload ?? {}) as JobPayload,
      attempts: j.attempts,
      maxAttempts: j.maxAttempts,
    }));
}

const heldBy = (id: string, instanceId: string) =>
  and(eq(jobs.id, id), eq(jobs.lockedBy, instanceId), eq(jobs.status, 'running'));

/** Marks a job done; false when this instance no longer holds it (its lease ran out and another took it). */
export async function completeJob(tx: Tx, id: string, instanceId: string): Promise<boolean> {
  const rows = await tx
    .update(jobs)
    .set({ status: 'done', finishedAt: sql`now()`, lockedBy: null, lockedUntil: null, lastError: null })
    .where(heldBy(id, instanceId))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

/** Queues a failed job again after `retryInMs`, or fails it for good when `retryInMs` is null. */
export async function failJob(
  tx: Tx,
  id: string,
  instanceId: string,
  error: string,
  retryInMs: number | null,
): Promise<boolean> {
  const rows = await tx
    .update(jobs)
    .set(
      retryInMs === null
        ? { status: 'failed', lastError: error, lockedBy: null, lockedUntil: null, finishedAt: sql`now()` }
        : { status: 'queued', lastError: error, lockedBy: null, lockedUntil: null, runAt: nowPlusMs(retryInMs) },
    )
    .where(heldBy(id, instanceId))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

/** Extends the lease of jobs still running here, so a long job is not taken over while it works. */
export async function renewLeases(tx: Tx, ids: string[], instanceId: string, leaseMs: number): Promise<void> {
  if (ids.length === 0) return;
  await tx
    .update(jobs)
    .set({ lockedUntil: nowPlusMs(leaseMs) })
    .where(and(inArray(jobs.id, ids), eq(jobs.lockedBy, instanceId), eq(jobs.status, 'running')));
}
