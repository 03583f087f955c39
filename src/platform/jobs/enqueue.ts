import { jobs } from './schema.js';
import type { Tx } from '../db/database.js';
import type { JobPayload } from './registry.js';

export type EnqueueOptions = {
  runAt?: Date;
  /** A second enqueue with the same key is a no-op while the first job row exists (done jobs are purged after 7 days). */
  dedupeKey?: string;
  maxAttempts?: number;
};

/** Adds a job in the caller's transaction, so it exists exactly when the change that asked for it commits. Returns its id, or null when deduplicated. */
export async function enqueueJob(
  tx: Tx,
  kind: string,
  payload: JobPayload = {},
  options: EnqueueOptions = {},
): Promise<string | null> {
  const [row] = await tx
    .insert(jobs)
    .values({
      kind,
      payload,
      dedupeKey: options.dedupeKey ?? null,
      ...(options.runAt ? { runAt: options.runAt } : {}),
      ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
    })
    .onConflictDoNothing({ target: jobs.dedupeKey })
    .returning({ id: jobs.id });
  return row?.id ?? null;
}
