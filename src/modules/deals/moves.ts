import { eq } from 'drizzle-orm';
import { recordChange } from '../../platform/audit/record.js';
import type { Ctx } from '../../platform/context.js';
import type { Tx } from '../../platform/db/database.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import { checkDealMove, type DealMover, type DealStatus } from './rules/lifecycle.js';
import { dealEvents, deals } from './schema.js';
import type { DealRow } from './views.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * A registration as the audit log and the outbox carry it: every fact later modules (incentives, tiers,
 * analytics) need about a deal, without its free-text notes.
 */
export function dealRecord(r: DealRow) {
  return {
    dealId: r.id,
    reference: `DR-${r.number}`,
    partnerId: r.partnerId,
    programId: r.programId,
    tierId: r.tierId,
    status: r.status,
    attribution: r.attribution,
    customerName: r.customerName,
    customerDomain: r.customerDomain,
    customerCountry: r.customerCountry,
    productIds: r.productIds,
    currency: r.currency,
    amount: r.amount,
    wonAmount: r.wonAmount,
    expectedCloseDate: r.expectedCloseDate,
    closeDate: r.closeDate,
    ownerUserId: r.ownerUserId,
    camUserId: r.camUserId,
    submittedAt: iso(r.submittedAt),
    decidedAt: iso(r.decidedAt),
    protectedUntil: iso(r.protectedUntil),
    extensionStatus: r.extensionStatus,
    closedAt: iso(r.closedAt),
    lostReason: r.lostReason,
  };
}

/** Reads a registration for change, waiting for anyone else changing it; another partner's is a 404. */
export async function lockDeal(tx: Tx, id: string): Promise<DealRow> {
  const [row] = await tx.select().from(deals).where(eq(deals.id, id)).for('update');
  if (!row) throw notFound('Registration');
  return row;
}

/** One line of the history the partner and the vendor see. */
export async function recordDealEvent(
  tx: Tx,
  row: Pick<DealRow, 'id' | 'partnerId'>,
  event: {
    kind: string;
    fromStatus?: string | null;
    toStatus?: string | null;
    reason?: string | null;
    actorLabel: string;
  },
): Promise<void> {
  await tx.insert(dealEvents).values({
    dealId: row.id,
    partnerId: row.partnerId,
    kind: event.kind,
    fromStatus: event.fromStatus ?? null,
    toStatus: event.toStatus ?? null,
    reason: event.reason || null,
    actorLabel: event.actorLabel,
  });
}

/** Saves a change that is not a status move (edit, extension), with its history line and audit entry. */
export async function changeDeal(
  tx: Tx,
  ctx: Pick<Ctx, 'actor' | 'requestId'>,
  row: DealRow,
  patch: Partial<DealRow>,
  event: { action: string; kind: string; reason?: string | null },
): Promise<DealRow> {
  const [next] = await tx
    .update(deals)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(deals.id, row.id))
    .returning();
  await recordDealEvent(tx, row, { kind: event.kind, reason: event.reason, actorLabel: ctx.actor.label });
  await recordChange(tx, ctx, {
    action: event.action,
    objectType: 'deal',
    objectId: row.id,
    partnerId: row.partnerId,
    before: dealRecord(row),
    after: dealRecord(next!),
  });
  return next!;
}

/**
 * Moves a registration to `to` if the lifecycle lets `by` make that move, with whatever else the move sets
 * (dates, amounts), a history line, an audit entry and the outbox event `deal.<to>`.
 */
export async function moveDeal(
  tx: Tx,
  ctx: Pick<Ctx, 'actor' | 'requestId'>,
  row: DealRow,
  to: DealStatus,
  by: DealMover,
  reason: string,
  patch: Partial<DealRow> = {},
): Promise<DealRow> {
  const check = checkDealMove(row.status, to, by, reason);
  if (!check.ok) {
    if (check.code === 'reason_required') throw invalid('reason', check.message);
    throw new AppError('invalid_transition', check.message, [{ field: 'status', message: check.message }]);
  }
  const [next] = await tx
    .update(deals)
    .set({ ...patch, status: to, updatedAt: new Date() })
    .where(eq(deals.id, row.id))
    .returning();
  await recordDealEvent(tx, row, {
    kind: 'status',
    fromStatus: row.status,
    toStatus: to,
    reason,
    actorLabel: ctx.actor.label,
  });
  await recordChange(tx, ctx, {
    action: `deal.${to}`,
    objectType: 'deal',
    objectId: row.id,
    partnerId: row.partnerId,
    before: dealRecord(row),
    after: dealRecord(next!),
  });
  return next!;
}
