import { randomUUID } from 'node:crypto';
import type { Tx } from '../db/database.js';
import type { JobPayload } from './registry.js';
import { jobs } from './schema.js';

export type EnqueueOptions = {
  runAt?: Date;
  /** A second enqueue with the same key is a no-op while the first job row exists (done jobs are purged after 7 days). */
  dedupeKey?: string;
  maxAttempts?: number;
};

const rowOf = (id: string, kind: string, payload: JobPayload, options: EnqueueOptions) => ({
  id,
  kind,
  payload,
  dedupeKey: options.dedupeKey ?? null,
  ...(options.runAt ? { runAt: options.runAt } : {}),
  ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
});

/**
 * Adds a job in the caller's transaction, so it exists exactly when the change that asked for it commits.
 * Returns its id, or null when `dedupeKey` is held already. Deduplication reads existing rows, which only
 * staff and system scopes may; a partner-scope transaction uses `insertJob`.
 */
export async function enqueueJob(
  tx: Tx,
  kind: string,
  payload: JobPayload = {},
  options: EnqueueOptions = {},
): Promise<string | null> {
  if (!options.dedupeKey) return insertJob(tx, kind, payload, options);
  const [row] = await tx
    .insert(jobs)
    .values(rowOf(randomUUID(), kind, payload, options))
    .onConflictDoNothing({ target: jobs.dedupeKey })
    .returning({ id: jobs.id });
  return row?.id ?? null;
}

/**
 * A plain insert that any scope may do (partners may append jobs but not read them, so no RETURNING and no
 * ON CONFLICT). A `dedupeKey` here must be new — say, naming a row made in this transaction — or it throws.
 */
export async function insertJob(
  tx: Tx,
  kind: string,
  payload: JobPayload = {},
  options: EnqueueOptions = {},
): Promise<string> {
  const id = randomUUID();
  await tx.insert(jobs).values(rowOf(id, kind, payload, options));
  return id;
}
