import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.js';
import { type Collision, holderLapsed } from './rules/lapsed.js';
import { dealConflicts, deals } from './schema.js';
import type { DealRow } from './views.js';

/** A collision, with the number of the registration it names (DR-…). */
type WithNumber = Collision & { withNumber: number | null };

/**
 * What each of `dealIds` collided with, with the status of the registrations among it. Vendor or system scope
 * only: a partner's scope reads no `deal_conflicts` row (and must not learn that any exist).
 */
export async function collisionsOf(tx: Tx, dealIds: string[]): Promise<Map<string, WithNumber[]>> {
  const byDeal = new Map<string, WithNumber[]>();
  if (!dealIds.length) return byDeal;
  const rows = await tx
    .select({
      dealId: dealConflicts.dealId,
      withDealId: dealConflicts.withDealId,
      houseAccountId: dealConflicts.houseAccountId,
      withStatus: deals.status,
      withChangedAt: deals.updatedAt,
      withNumber: deals.number,
    })
    .from(dealConflicts)
    .leftJoin(deals, eq(deals.id, dealConflicts.withDealId))
    .where(inArray(dealConflicts.dealId, dealIds));
  for (const { dealId, ...c } of rows) byDeal.set(dealId, [...(byDeal.get(dealId) ?? []), c]);
  return byDeal;
}

/** Which of `rows` wait in `conflict` on registrations that are all no longer active (see `holderLapsed`). */
export async function lapsedConflicts(tx: Tx, rows: Pick<DealRow, 'id' | 'status'>[]): Promise<Set<string>> {
  const waiting = rows.filter((r) => r.status === 'conflict').map((r) => r.id);
  const collisions = await collisionsOf(tx, waiting);
  return new Set(waiting.filter((id) => holderLapsed(collisions.get(id) ?? [])));
}

/** The registrations still in `conflict` that collided with `holderId`, each once. */
export async function waitingOn(tx: Tx, holderId: string): Promise<DealRow[]> {
  const rows = await tx
    .selectDistinctOn([deals.id], { deal: deals })
    .from(dealConflicts)
    .innerJoin(deals, eq(deals.id, dealConflicts.dealId))
    .where(and(eq(dealConflicts.withDealId, holderId), eq(deals.status, 'conflict')))
    .orderBy(deals.id);
  return rows.map((r) => r.deal);
}
