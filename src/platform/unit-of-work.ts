import { and, eq } from 'drizzle-orm';
import { actorPartnerId, scopeOf } from './access/actor.js';
import type { Ctx } from './context.js';
import type { Tx } from './db/database.js';
import { AppError } from './errors.js';
import { idempotencyKeys } from './http/schema.js';

/** Reads run in one transaction in the actor's scope. */
export function read<T>(ctx: Ctx, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return ctx.db.run(scopeOf(ctx.actor), fn);
}

/**
 * Writes run in one transaction in the actor's scope. With an Idempotency-Key on the context, the key is
 * claimed in that same transaction: a concurrent twin waits on the key's row, then replays the stored result,
 * so a retried create never creates twice, and a crash leaves neither the write nor the key behind.
 * Results must be plain JSON (views with ISO dates) so a replay is identical to the first answer.
 */
export function write<T>(ctx: Ctx, operation: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return ctx.db.run(scopeOf(ctx.actor), async (tx) => {
    const key = ctx.idempotencyKey;
    if (!key) return fn(tx);
    const caller = `${ctx.actor.type}:${ctx.actor.id ?? ctx.actor.label}`;
    const requestHash = ctx.requestHash ?? '';
    const claimed = await tx
      .insert(idempotencyKeys)
      .values({ caller, key, operation, requestHash, partnerId: actorPartnerId(ctx.actor) })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    if (claimed.length === 0) {
      const [prior] = await tx
        .select()
        .from(idempotencyKeys)
        .where(and(eq(idempotencyKeys.caller, caller), eq(idempotencyKeys.key, key)));
      if (!prior || prior.operation !== operation || prior.requestHash !== requestHash) {
        throw new AppError('idempotency_conflict', 'This Idempotency-Key was already used for another request');
      }
      return prior.response as T;
    }
    const result = await fn(tx);
    await tx
      .update(idempotencyKeys)
      .set({ statusCode: 200, response: result as object })
      .where(and(eq(idempotencyKeys.caller, caller), eq(idempotencyKeys.key, key)));
    return result;
  });
}
