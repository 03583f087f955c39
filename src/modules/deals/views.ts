import { actorPartnerId, type Actor } from '../../platform/access/actor.js';
import { roleMay } from '../../platform/access/permissions.js';
import type { Tx } from '../../platform/db/database.js';
import { userRefs } from '../identity/users.service.js';
import { productRefs } from '../products/service.js';
import type { DealAction, DealView } from './contracts.js';
import { lapsedConflicts } from './holders.js';
import { isFinal, QUEUE_STATUSES, type DealStatus } from './rules/lifecycle.js';
import { checkExtensionDecision, checkExtensionRequest } from './rules/protection.js';
import { isOverdue } from './rules/sla.js';
import type { deals } from './schema.js';
import { settingsOf } from './settings.service.js';
import { memberRefs } from '../enrollments/refs.js';

export type DealRow = typeof deals.$inferSelect;

const iso = (d: Date | null) => (d ? d.toISOString() : null);
export const dealReference = (n: number) => `DR-${n}`;

/** What `actor` may do with a registration in this state: the web shows exactly these controls. */
export function dealActions(actor: Actor, row: Pick<DealRow, 'status' | 'extensionStatus'>, extensionDays: number) {
  const role = actor.type === 'user' || actor.type === 'api_key' ? actor.role : null;
  if (!role) return [];
  const partner = actorPartnerId(actor) !== null;
  const may = (a: Parameters<typeof roleMay>[1]) => roleMay(role, a);
  const s = row.status;
  const open = s === 'approved' || s === 'protected';
  const actions: DealAction[] = [];
  if (partner && may('deal.register')) {
    if (!isFinal(s)) actions.push('edit', 'attach');
    if (s === 'draft') actions.push('submit', 'delete');
    if (s === 'submitted' || s === 'conflict') actions.push('withdraw');
    if (checkExtensionRequest(row, extensionDays).ok) actions.push('requestExtension');
  }
  if (!partner && may('deal.review')) {
    if (s === 'submitted') actions.push('approve', 'reject');
    if (s === 'conflict') actions.push('resolve', 'reject');
    if (checkExtensionDecision(row).ok) actions.push('decideExtension');
  }
  if (open && may('deal.close')) actions.push('close');
  return actions;
}

/** The names and settings around registrations, looked up in batches in the caller's scope. */
export async function dealRefs(tx: Tx, rows: DealRow[]) {
  const { partners, programs, tiers, cams } = await memberRefs(tx, rows);
  const owners = await userRefs(
    tx,
    rows.map((r) => r.ownerUserId),
  );
  const products = await productRefs(
    tx,
    rows.flatMap((r) => r.productIds),
  );
  const settings = await settingsOf(
    tx,
    rows.map((r) => r.programId),
  );
  return { partners, programs, tiers, cams, owners, products, settings };
}
export type DealRefs = Awaited<ReturnType<typeof dealRefs>>;

/** Rows → views; `refs` when the caller looked them up already. */
export async function dealViews(
  tx: Tx,
  actor: Actor,
  rows: DealRow[],
  now = new Date(),
  refs?: DealRefs,
): Promise<DealView[]> {
  const { partners, programs, tiers, cams, owners, products, settings } = refs ?? (await dealRefs(tx, rows));
  // the vendor's eyes only: a partner's view has no such field, and its scope reads no collisions
  const lapsed = actorPartnerId(actor) === null ? await lapsedConflicts(tx, rows) : null;
  return rows.map((r) => {
    const extensionDays = settings.get(r.programId)?.extensionDays ?? 0;
    const waiting = (QUEUE_STATUSES as readonly DealStatus[]).includes(r.status);
    return {
      id: r.id,
      number: r.number,
      reference: dealReference(r.number),
      partnerId: r.partnerId,
      partnerName: partners.get(r.partnerId)?.name ?? '',
      programId: r.programId,
      programName: programs.get(r.programId)?.name ?? '',
      status: r.status,
      customerName: r.customerName,
      customerDomain: r.customerDomain,
      customerCountry: r.customerCountry,
      contactName: r.contactName,
      contactEmail: r.contactEmail,
      contactPhone: r.contactPhone,
      contactTitle: r.contactTitle,
      products: r.productIds.map((id) => ({ id, title: products.get(id)?.title ?? '' })),
      amount: r.amount,
      currency: r.currency,
      expectedCloseDate: r.expectedCloseDate,
      attribution: r.attribution,
      notes: r.notes,
      ownerUserId: r.ownerUserId,
      ownerName: r.ownerUserId ? (owners.get(r.ownerUserId)?.name ?? null) : null,
      camUserId: r.camUserId,
      camName: r.camUserId ? (cams.get(r.camUserId)?.name ?? null) : null,
      tierId: r.tierId,
      tierName: r.tierId ? (tiers.get(r.tierId)?.name ?? null) : null,
      submittedAt: iso(r.submittedAt),
      slaDueAt: iso(r.slaDueAt),
      overdue: waiting && isOverdue(r.slaDueAt, now),
      decidedAt: iso(r.decidedAt),
      decidedBy: r.decidedBy,
      decisionReason: r.decisionReason,
      protectionDays: r.protectionDays,
      protectedUntil: iso(r.protectedUntil),
      extension: {
        status: r.extensionStatus,
        reason: r.extensionReason,
        requestedAt: iso(r.extensionRequestedAt),
        days: extensionDays,
      },
      closedAt: iso(r.closedAt),
      wonAmount: r.wonAmount,
      closeDate: r.closeDate,
      lostReason: r.lostReason,
      actions: dealActions(actor, r, extensionDays),
      ...(lapsed ? { holderLapsed: lapsed.has(r.id) } : {}),
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
    };
  });
}
