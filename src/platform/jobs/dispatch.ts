import { inArray, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../db/database.js';
import type { EventJobPayload, JobPayload, JobRegistry } from './registry.js';
import { jobs, outboxEvents } from './schema.js';

/**
 * Turns up to `limit` undispatched outbox events into one job per subscribed job kind and marks them
 * dispatched, in the caller's transaction. Rows are claimed with SKIP LOCKED so instances share the work, and
 * the dedupe key `${jobKind}:${eventId}` makes a repeated dispatch create nothing twice. Returns the events seen.
 */
export async function dispatchOutbox(tx: Tx, registry: JobRegistry, limit: number): Promise<number> {
  const events = await tx
    .select()
    .from(outboxEvents)
    .where(isNull(outboxEvents.dispatchedAt))
    .orderBy(outboxEvents.id)
    .limit(limit)
    .for('update', { skipLocked: true });
  if (events.length === 0) return 0;
  const rows = events.flatMap((event) =>
    registry.subscribersOf(event.topic).map((kind) => {
      const payload: EventJobPayload = {
        eventId: event.id,
        topic: event.topic,
        payload: (event.payload ?? {}) as JobPayload,
        createdAt: event.createdAt.toISOString(),
      };
      return { kind, payload, dedupeKey: `${kind}:${event.id}` };
    }),
  );
  if (rows.length > 0) await tx.insert(jobs).values(rows).onConflictDoNothing({ target: jobs.dedupeKey });
  await tx
    .update(outboxEvents)
    .set({ dispatchedAt: sql`now()` })
    .where(
      inArray(
        outboxEvents.id,
        events.map((e) => e.id),
      ),
    );
  return events.length;
}
