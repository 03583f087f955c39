import type { Ctx } from '../context.js';
import type { Tx } from '../db/database.js';
import { emitEvent } from '../jobs/outbox.js';
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

/**
 * Every state change goes through here: one audit entry and one outbox event, in the same transaction. Only
 * the actor and request id are read, so a module reacting inside another's transaction can pass just those.
 */
export async function recordChange(tx: Tx, ctx: Pick<Ctx, 'actor' | 'requestId'>, change: Change): Promise<void> {
  const at = new Date();
  const { actor } = ctx;
  await tx.insert(auditLog).values({
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
  });
  await emitEvent(tx, change.action, {
    objectType: change.objectType,
    objectId: change.objectId,
    partnerId: change.partnerId,
    actor: { type: actor.type, id: actor.id },
    before: change.before,
    after: change.after,
    requestId: ctx.requestId,
    occurredAt: at.toISOString(),
  });
}
