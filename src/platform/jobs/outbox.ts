import { outboxEvents } from './schema.js';
import type { Tx } from '../db/database.js';

/** Writes a domain event in the caller's transaction; the job runner dispatches it after commit. */
export async function emitEvent(tx: Tx, topic: string, payload: Record<string, unknown>): Promise<void> {
  await tx.insert(outboxEvents).values({ topic, payload });
}
