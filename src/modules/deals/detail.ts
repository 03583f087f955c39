import { asc, desc, eq, inArray } from 'drizzle-orm';
import { actorPartnerId, type Actor } from '../../platform/access/actor.js';
import type { Tx } from '../../platform/db/database.js';
import { partnerRefs } from '../partners/service.js';
import type { DealConflictView, DealDetailView } from './contracts.js';
import { dealAttachments, dealConflicts, dealEvents, deals, houseAccounts } from './schema.js';
import { type DealRefs, dealRefs, type DealRow, dealReference, dealViews } from './views.js';

type ConflictRow = typeof dealConflicts.$inferSelect;

/** Conflict rows → what the vendor sees of each side: the other registration (with its partner) or the account. */
async function conflictViews(tx: Tx, rows: ConflictRow[], side: 'with' | 'challenger'): Promise<DealConflictView[]> {
  const dealIds = rows.map((r) => (side === 'with' ? r.withDealId : r.dealId)).filter((x): x is string => !!x);
  const accountIds = rows.map((r) => r.houseAccountId).filter((x): x is string => !!x && side === 'with');
  const others = dealIds.length ? await tx.select().from(deals).where(inArray(deals.id, dealIds)) : [];
  const accounts = accountIds.length
    ? await tx.select().from(houseAccounts).where(inArray(houseAccounts.id, accountIds))
    : [];
  const partners = await partnerRefs(
    tx,
    others.map((d) => d.partnerId),
  );
  const dealById = new Map(others.map((d) => [d.id, d]));
  const accountById = new Map(accounts.map((a) => [a.id, a]));
  return rows.map((r) => {
    const d = dealById.get((side === 'with' ? r.withDealId : r.dealId) ?? '');
    const a = side === 'with' && r.houseAccountId ? accountById.get(r.houseAccountId) : undefined;
    return {
      matchedOn: r.matchedOn,
      similarity: Math.round(r.similarity * 100) / 100,
      deal: d
        ? {
            id: d.id,
            reference: dealReference(d.number),
            partnerId: d.partnerId,
            partnerName: partners.get(d.partnerId)?.name ?? '',
            status: d.status,
            customerName: d.customerName,
            customerDomain: d.customerDomain,
            submittedAt: d.submittedAt ? d.submittedAt.toISOString() : null,
          }
        : null,
      houseAccount: a ? { id: a.id, name: a.name, domain: a.domain, owner: a.owner } : null,
    };
  });
}

/** The files of a registration, newest first. */
const filesOf = (tx: Tx, dealId: string) =>
  tx
    .select({
      id: dealAttachments.id,
      filename: dealAttachments.filename,
      contentType: dealAttachments.contentType,
      sizeBytes: dealAttachments.sizeBytes,
      sha256: dealAttachments.sha256,
      uploadedBy: dealAttachments.uploadedBy,
      createdAt: dealAttachments.createdAt,
    })
    .from(dealAttachments)
    .where(eq(dealAttachments.dealId, dealId))
    .orderBy(desc(dealAttachments.createdAt));

/** A registration with its history and files; the vendor also sees what it collides with, and who with it. */
export async function dealDetail(tx: Tx, actor: Actor, row: DealRow): Promise<DealDetailView> {
  return (await prepareDealDetail(tx, actor, row))(row);
}

/**
 * Looks up now what the page of `row` shows that a move leaves alone (names, settings, files) and answers a
 * function that renders it after the move: submission renders under the submissions lock, which stays short.
 */
export async function prepareDealDetail(
  tx: Tx,
  actor: Actor,
  row: DealRow,
): Promise<(next: DealRow) => Promise<DealDetailView>> {
  const refs = await dealRefs(tx, [row]);
  const files = await filesOf(tx, row.id);
  return (next) => renderDetail(tx, actor, next, refs, files);
}

async function renderDetail(
  tx: Tx,
  actor: Actor,
  row: DealRow,
  refs: DealRefs,
  files: Awaited<ReturnType<typeof filesOf>>,
): Promise<DealDetailView> {
  const [view] = await dealViews(tx, actor, [row], undefined, refs);
  const history = await tx
    .select()
    .from(dealEvents)
    .where(eq(dealEvents.dealId, row.id))
    .orderBy(asc(dealEvents.createdAt), asc(dealEvents.id));
  const vendor = actorPartnerId(actor) === null;
  return {
    ...view!,
    history: history.map((h) => ({
      id: h.id,
      kind: h.kind,
      fromStatus: h.fromStatus,
      toStatus: h.toStatus,
      reason: h.reason,
      actorLabel: h.actorLabel,
      createdAt: h.createdAt.toISOString(),
    })),
    attachments: files.map((f) => ({ ...f, createdAt: f.createdAt.toISOString() })),
    conflicts: vendor
      ? await conflictViews(tx, await tx.select().from(dealConflicts).where(eq(dealConflicts.dealId, row.id)), 'with')
      : [],
    challengers: vendor
      ? await conflictViews(
          tx,
          await tx.select().from(dealConflicts).where(eq(dealConflicts.withDealId, row.id)),
          'challenger',
        )
      : [],
  };
}
