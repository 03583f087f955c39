import { actorPartnerId } from '../../platform/access/actor.js';
import { requireAccess } from '../../platform/access/require-access.js';
import type { Ctx } from '../../platform/context.js';
import type { Tx } from '../../platform/db/database.js';
import { AppError, forbidden, invalid } from '../../platform/errors.js';
import { write } from '../../platform/unit-of-work.js';
import { parseInput } from '../../platform/validation.js';
import {
  approveDealBody,
  type ApproveDealInput,
  closeDealBody,
  type CloseDealInput,
  type DealDetailView,
  extensionDecisionBody,
  type ExtensionDecisionInput,
  reasonBody,
  type ReasonInput,
  resolveConflictBody,
  type ResolveConflictInput,
} from './contracts.js';
import { findMatches, lockForSubmission } from './conflict-sql.js';
import { dealDetail } from './detail.js';
import { assertProducts } from './register.service.js';
import { approveRow, protectionDaysOf } from './approval.js';
import { dealExtensionDecidedMail, dealLostByVendorMail, dealRejectedMail, dealWonByVendorMail } from './mails.js';
import { changeDeal, lockDeal, moveDeal } from './moves.js';
import { closeVars, mailPartner } from './recipients.js';
import { isActive, type DealMover } from './rules/lifecycle.js';
import { addDays, checkExtensionDecision, checkExtensionRequest } from './rules/protection.js';
import { settingsFor } from './settings.service.js';
import type { DealRow } from './views.js';

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : '');

/** Approval protects the registration for its tier's `deal_protection_days` (the program's default without one). */
async function approve(tx: Tx, ctx: Ctx, row: DealRow, note: string, resolvedConflict = false): Promise<DealRow> {
  const protectionDays = await protectionDaysOf(tx, row, await settingsFor(tx, row.programId));
  return approveRow(tx, ctx, row, { by: 'vendor', note, at: new Date(), protectionDays, resolvedConflict });
}

async function reject(tx: Tx, ctx: Ctx, row: DealRow, reason: string): Promise<DealRow> {
  const next = await moveDeal(tx, ctx, row, 'rejected', 'vendor', reason, {
    decidedAt: new Date(),
    decidedBy: ctx.actor.label,
    decisionReason: reason,
  });
  await mailPartner(tx, ctx, next, dealRejectedMail, { reason });
  return next;
}

function vendorOnly(ctx: Ctx): void {
  if (actorPartnerId(ctx.actor) !== null) throw forbidden('Only the vendor reviews registrations');
}

/** The channel manager approves a submitted registration. */
export async function approveDeal(ctx: Ctx, id: string, raw: ApproveDealInput): Promise<DealDetailView> {
  requireAccess(ctx.actor, 'deal.review');
  vendorOnly(ctx);
  const input = parseInput(approveDealBody, raw);
  return write(ctx, 'deals.approve', async (tx) => {
    const row = await lockDeal(tx, id);
    if (row.status === 'conflict')
      throw new AppError('invalid_transition', 'a conflict is resolved in favour of one side, not approved', [
        { field: 'status', message: 'resolve the conflict instead' },
      ]);
    return dealDetail(tx, ctx.actor, await approve(tx, ctx, row, input.note));
  });
}

export async function rejectDeal(ctx: Ctx, id: string, raw: ReasonInput): Promise<DealDetailView> {
  requireAccess(ctx.actor, 'deal.review');
  vendorOnly(ctx);
  const input = parseInput(reasonBody, raw);
  return write(ctx, 'deals.reject', async (tx) => {
    const row = await lockDeal(tx, id);
    if (!['submitted', 'conflict'].includes(row.status))
      throw new AppError('invalid_transition', `cannot reject a registration that is ${row.status}`);
    return dealDetail(tx, ctx.actor, await reject(tx, ctx, row, input.reason));
  });
}

/**
 * Resolves a conflict. In favour of the existing side: this registration is rejected. In favour of this one:
 * every active registration holding the customer now is rejected (their partners are told the customer went to
 * another registration, never to whom) and this one is approved and protected. A house account is the
 * vendor's own list and stays as it is.
 */
export async function resolveConflict(ctx: Ctx, id: string, raw: ResolveConflictInput): Promise<DealDetailView> {
  requireAccess(ctx.actor, 'deal.review');
  vendorOnly(ctx);
  const input = parseInput(resolveConflictBody, raw);
  return write(ctx, 'deals.resolve', async (tx) => {
    const row = await lockDeal(tx, id);
    if (row.status !== 'conflict')
      throw new AppError(
        'invalid_transition',
        `only a registration in conflict can be resolved; this one is ${row.status}`,
      );
    if (input.inFavourOf === 'existing') return dealDetail(tx, ctx.actor, await reject(tx, ctx, row, input.reason));
    // whoever holds the customer now loses it, not only what this one collided with when it was submitted:
    // that holder may have lapsed and another taken its place since. Under the submission lock, like a submission.
    await lockForSubmission(tx);
    const holders = (await findMatches(tx, row.customerDomain, row.customerNameKey, row.id))
      .map((m) => m.deal_id)
      .filter((x): x is string => !!x)
      .sort();
    for (const holderId of holders) {
      const holder = await lockDeal(tx, holderId);
      if (isActive(holder.status))
        await reject(tx, ctx, holder, 'The customer was given to another registration after review.');
    }
    return dealDetail(tx, ctx.actor, await approve(tx, ctx, row, input.reason, true));
  });
}

/** The partner takes back a registration still waiting for review. */
export async function withdrawDeal(ctx: Ctx, id: string, raw: ReasonInput): Promise<DealDetailView> {
  requireAccess(ctx.actor, 'deal.register');
  const input = parseInput(reasonBody, raw);
  return write(ctx, 'deals.withdraw', async (tx) => {
    const row = await lockDeal(tx, id);
    const next = await moveDeal(tx, ctx, row, 'withdrawn', 'partner', input.reason, {
      closedAt: new Date(),
    });
    return dealDetail(tx, ctx.actor, next);
  });
}

/** The partner asks once to extend protection; the channel manager hears of it through the outbox. */
export async function requestExtension(ctx: Ctx, id: string, raw: ReasonInput): Promise<DealDetailView> {
  requireAccess(ctx.actor, 'deal.register');
  const input = parseInput(reasonBody, raw);
  if (!input.reason) throw invalid('reason', 'say why the deal needs more time');
  return write(ctx, 'deals.extension', async (tx) => {
    const row = await lockDeal(tx, id);
    const settings = await settingsFor(tx, row.programId);
    const check = checkExtensionRequest(row, settings.extensionDays);
    if (!check.ok)
      throw new AppError('invalid_transition', check.message, [{ field: 'status', message: check.message }]);
    const next = await changeDeal(
      tx,
      ctx,
      row,
      { extensionStatus: 'requested', extensionReason: input.reason, extensionRequestedAt: new Date() },
      { action: 'deal.extension_requested', kind: 'extension_requested', reason: input.reason },
    );
    return dealDetail(tx, ctx.actor, next);
  });
}

export async function decideExtension(ctx: Ctx, id: string, raw: ExtensionDecisionInput): Promise<DealDetailView> {
  requireAccess(ctx.actor, 'deal.review');
  vendorOnly(ctx);
  const input = parseInput(extensionDecisionBody, raw);
  if (!input.grant && !input.reason) throw invalid('reason', 'is required to refuse');
  return write(ctx, 'deals.extension_decision', async (tx) => {
    const row = await lockDeal(tx, id);
    const check = checkExtensionDecision(row);
    if (!check.ok)
      throw new AppError('invalid_transition', check.message, [{ field: 'status', message: check.message }]);
    const settings = await settingsFor(tx, row.programId);
    const until = input.grant ? addDays(row.protectedUntil!, settings.extensionDays) : row.protectedUntil;
    const next = await changeDeal(
      tx,
      ctx,
      row,
      {
        extensionStatus: input.grant ? 'granted' : 'refused',
        protectedUntil: until,
        protectionDays: input.grant ? (row.protectionDays ?? 0) + settings.extensionDays : row.protectionDays,
        // a new end gets its own week-before reminder
        expiryWarnedAt: input.grant ? null : row.expiryWarnedAt,
      },
      {
        action: input.grant ? 'deal.extension_granted' : 'deal.extension_refused',
        kind: input.grant ? 'extension_granted' : 'extension_refused',
        reason: input.reason,
      },
    );
    await mailPartner(tx, ctx, next, dealExtensionDecidedMail, {
      decision: input.grant ? 'granted' : 'refused',
      detail: input.grant
        ? `It is now protected until ${day(until)}.`
        : `Reason: ${input.reason}. Protection still ends on ${day(until)}.`,
    });
    return dealDetail(tx, ctx.actor, next);
  });
}

/** The partner or the channel manager closes an approved registration, won (the event incentives build on) or lost. */
export async function closeDeal(ctx: Ctx, id: string, raw: CloseDealInput): Promise<DealDetailView> {
  requireAccess(ctx.actor, 'deal.close');
  const input = parseInput(closeDealBody, raw);
  const by: DealMover = actorPartnerId(ctx.actor) ? 'partner' : 'vendor';
  return write(ctx, 'deals.close', async (tx) => {
    const row = await lockDeal(tx, id);
    if (input.outcome === 'won' && input.productIds) await assertProducts(tx, input.productIds);
    const now = new Date();
    const next =
      input.outcome === 'won'
        ? await moveDeal(tx, ctx, row, 'won', by, '', {
            closedAt: now,
            wonAmount: input.amount,
            closeDate: input.closeDate,
            productIds: input.productIds ?? row.productIds,
          })
        : await moveDeal(tx, ctx, row, 'lost', by, input.reason, {
            closedAt: now,
            lostReason: input.reason,
            closeDate: input.closeDate ?? now.toISOString().slice(0, 10),
          });
    // the channel manager hears of a partner's close from the outbox (jobs.ts); the partner of the vendor's here
    if (by === 'vendor')
      await mailPartner(
        tx,
        ctx,
        next,
        next.status === 'won' ? dealWonByVendorMail : dealLostByVendorMail,
        closeVars(next),
      );
    return dealDetail(tx, ctx.actor, next);
  });
}
