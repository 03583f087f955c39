import { outboxEvents } from './schema.js';
import type { Tx } from '../db/database.js';

export type OutboxEvent = { topic: string; payload: Record<string, unknown> };

/** Writes a domain event in the caller's transaction; the job runner dispatches it after commit. */
export async function emitEvent(tx: Tx, topic: string, payload: Record<string, unknown>): Promise<void> {
  await emitEvents(tx, [{ topic, payload }]);
}

/** Several events in one statement, in order (the caller keeps it within the bound-values limit). */
export async function emitEvents(tx: Tx, events: OutboxEvent[]): Promise<void> {
  if (events.length) await tx.insert(outboxEvents).values(events);
}
