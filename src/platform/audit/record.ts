import type { Ctx } from '../context.js';
import { chunks } from '../db/chunks.js';
import type { Tx } from '../db/database.js';
import { emitEvents, type OutboxEvent } from '../jobs/outbox.js';
import { auditLog } from './schema.js';

export type Change = {
  /** `<object type>.<verb>`, e.g. `product.created`; also the outbox topic. */
  action: string;
  objectType: string;
  objectId: string;
  partnerId: string | null;
  /** Views without secrets: never a password hash, token or key. */
  before: object | null;
  after: object | null;
};

type Recorder = Pick<Ctx, 'actor' | 'requestId'>;

/** The audit entry and the outbox event of one change: the rows every way of recording writes. */
function rowsOf(ctx: Recorder, change: Change, at: Date): { entry: typeof auditLog.$inferInsert; event: OutboxEvent } {
  const { actor } = ctx;
  return {
    entry: {
      at,
      actorType: actor.type,
      actorId: actor.id,
      actorLabel: actor.label,
      action: change.action,
      objectType: change.objectType,
      objectId: change.objectId,
      partnerId: change.partnerId,
      before: change.before,
      after: change.after,
      requestId: ctx.requestId,
    },
    event: {
      topic: change.action,
      payload: {
        objectType: change.objectType,
        objectId: change.objectId,
        partnerId: change.partnerId,
        actor: { type: actor.type, id: actor.id },
        before: change.before,
        after: change.after,
        requestId: ctx.requestId,
        occurredAt: at.toISOString(),
      },
    },
  };
}

/**
 * Every state change goes through here: one audit entry and one outbox event, in the same transaction. Only
 * the actor and request id are read, so a module reacting inside another's transaction can pass just those.
 */
export async function recordChange(tx: Tx, ctx: Recorder, change: Change): Promise<void> {
  await recordChanges(tx, ctx, [change]);
}

/**
 * Many changes of one use case (an import): still an audit entry and an outbox event each, all at one time,
 * but written a chunk per statement instead of two statements per change.
 */
export async function recordChanges(tx: Tx, ctx: Recorder, changes: Change[]): Promise<void> {
  const at = new Date();
  for (const chunk of chunks(changes.map((change) => rowsOf(ctx, change, at)))) {
    const events = chunk.map((r) => r.event);
    await tx.insert(auditLog).values(chunk.map((r) => r.entry));
    await emitEvents(tx, events);
  }
}
