import { eq } from 'drizzle-orm';
import { actorPartnerId, systemActor } from '../../platform/access/actor.js';
import { requireAccess } from '../../platform/access/require-access.js';
import { recordChange } from '../../platform/audit/record.js';
import type { Ctx } from '../../platform/context.js';
import type { Tx } from '../../platform/db/database.js';
import { AppError, forbidden, invalid, invalidFields } from '../../platform/errors.js';
import { read, write } from '../../platform/unit-of-work.js';
import { parseInput } from '../../platform/validation.js';
import { participation, recordFirstDeal } from '../enrollments/service.js';
import { partnerRefs } from '../partners/service.js';
import { normalizeDomain } from '../partners/rules/domain.js';
import { productRefs } from '../products/service.js';
import { programRefs } from '../programs/refs.js';
import { approveRow, protectionDaysOf } from './approval.js';
import { findMatches, lockForSubmission } from './conflict-sql.js';
import {
  type ConflictCheckInput,
  conflictCheckBody,
  type ConflictCheckView,
  type DealDetailView,
  registerDealBody,
  type RegisterDealInput,
  updateDealBody,
  type UpdateDealInput,
} from './contracts.js';
import { dealDetail, prepareDealDetail } from './detail.js';
import { dealConflictMail } from './mails.js';
import { changeDeal, dealRecord, lockDeal, moveDeal, recordDealEvent } from './moves.js';
import { mailPartner } from './recipients.js';
import { autoApproves } from './rules/auto-approval.js';
import { normalizeCompanyName } from './rules/company-name.js';
import { addBusinessDays } from './rules/sla.js';
import { missingForSubmission } from './rules/submission.js';
import { dealConflicts, deals } from './schema.js';
import { settingsFor } from './settings.service.js';
import type { DealRow } from './views.js';

export const CONFLICT_MESSAGE =
  'This customer is already registered or handled directly. A channel manager will review your registration.';

function partnerOf(ctx: Ctx): string {
  const partnerId = actorPartnerId(ctx.actor);
  if (!partnerId) throw forbidden('Only partners register deals');
  return partnerId;
}

/** The customer's domain as matching compares it; input that holds no domain is refused, naming the field. */
function domainOf(raw: string | null | undefined): string | null {
  if (raw === undefined || raw === null || raw.trim() === '') return null;
  const domain = normalizeDomain(raw);
  if (!domain) throw invalid('customerDomain', 'must be a web domain such as example.com');
  return domain;
}

/** Products named on a registration must be in the catalogue. */
export async function assertProducts(tx: Tx, ids: string[]): Promise<void> {
  const found = await productRefs(tx, ids);
  const unknown = ids.find((id) => !found.has(id));
  if (unknown) throw invalid('productIds', `no product ${unknown}`);
}

/**
 * Submits a draft: the conflict check and the insert of its outcome run under one lock shared by every
 * submission of every partner, so that of any number of simultaneous registrations of one customer exactly one
 * holds it. The earliest active registration (or a house account) holds the customer; a match makes this one a
 * `conflict` the channel manager resolves. Auto-approval rules of the program may approve it at once.
 */
async function submitRow(tx: Tx, ctx: Ctx, row: DealRow): Promise<DealRow> {
  const now = new Date();
  const missing = missingForSubmission(row, now.toISOString().slice(0, 10));
  if (missing.length) throw invalidFields(missing);
  const settings = await settingsFor(tx, row.programId);
  const protectionDays = await protectionDaysOf(tx, row, settings);

  // any submission counts as the first deal, whatever the check finds: done before the lock, which stays short
  await recordFirstDeal(tx, {
    partnerId: row.partnerId,
    programId: row.programId,
    at: now,
    actorLabel: ctx.actor.label,
  });

  // first come, first served: stamped with the time the check began, so the holder is always the earliest
  const submittedAt = await lockForSubmission(tx);
  const matches = await findMatches(tx, row.customerDomain, row.customerNameKey, row.id);
  const conflict = matches.length > 0;
  let next = await moveDeal(tx, ctx, row, conflict ? 'conflict' : 'submitted', 'partner', '', {
    submittedAt,
    slaDueAt: addBusinessDays(submittedAt, settings.approvalSlaDays),
  });
  if (conflict)
    // RLS lets a partner add these rows but never read them back
    await tx.insert(dealConflicts).values(
      matches.map((m) => ({
        dealId: row.id,
        withDealId: m.deal_id,
        houseAccountId: m.house_account_id,
        matchedOn: m.matched_on,
        similarity: Number(m.name_similarity),
      })),
    );

  // a plain submission mails nobody here (its reviewer hears from the outbox): nothing more under the lock
  if (conflict) await mailPartner(tx, ctx, next, dealConflictMail);
  else if (autoApproves(settings, next, false))
    next = await approveRow(tx, { ...ctx, actor: systemActor('auto-approval rule') }, next, {
      by: 'system',
      note: '',
      at: submittedAt,
      protectionDays,
    });
  return next;
}

/** Fields of a registration as stored, from validated input. */
function stored(input: Partial<ReturnType<typeof registerDealBody.parse>>) {
  const out: Partial<DealRow> = {};
  if (input.customerName !== undefined) {
    out.customerName = input.customerName;
    out.customerNameKey = normalizeCompanyName(input.customerName);
  }
  if (input.customerDomain !== undefined) out.customerDomain = domainOf(input.customerDomain);
  for (const key of [
    'customerCountry',
    'contactName',
    'contactEmail',
    'contactPhone',
    'contactTitle',
    'productIds',
    'amount',
    'expectedCloseDate',
    'attribution',
    'notes',
  ] as const)
    if (input[key] !== undefined) (out as Record<string, unknown>)[key] = input[key];
  if (out.contactEmail) out.contactEmail = out.contactEmail.toLowerCase();
  return out;
}

/** The membership a registration belongs to: the partner must take part in the program now. */
async function membership(tx: Tx, partnerId: string, programId: string) {
  const enrollment = await participation(tx, partnerId, programId);
  if (!enrollment) throw invalid('programId', 'your company is not an active member of this program');
  const program = (await programRefs(tx, [programId])).get(programId)!;
  if (program.status !== 'active') throw invalid('programId', `the program is ${program.status}, not active`);
  const partnerCam = (await partnerRefs(tx, [partnerId])).get(partnerId)?.camUserId ?? null;
  return { enrollment, program, camUserId: enrollment.camUserId ?? partnerCam };
}

/** A partner user registers an opportunity: a draft, or (by default) submitted at once with the conflict check. */
export async function registerDeal(ctx: Ctx, raw: RegisterDealInput): Promise<DealDetailView> {
  requireAccess(ctx.actor, 'deal.register');
  const partnerId = partnerOf(ctx);
  const input = parseInput(registerDealBody, raw);
  const fields = stored(input);
  return write(ctx, 'deals.register', async (tx) => {
    const { enrollment, program, camUserId } = await membership(tx, partnerId, input.programId);
    await assertProducts(tx, input.productIds);
    const [row] = await tx
      .insert(deals)
      .values({
        ...(fields as Required<typeof fields>),
        partnerId,
        programId: input.programId,
        currency: program.currency,
        ownerUserId: ctx.actor.type === 'user' ? ctx.actor.id : null,
        camUserId,
        tierId: enrollment.tierId,
      })
      .returning();
    await recordDealEvent(tx, row!, { kind: 'created', toStatus: 'draft', actorLabel: ctx.actor.label });
    await recordChange(tx, ctx, {
      action: 'deal.created',
      objectType: 'deal',
      objectId: row!.id,
      partnerId,
      before: null,
      after: dealRecord(row!),
    });
    // the page is looked up before the submissions lock and rendered under it
    const render = await prepareDealDetail(tx, ctx.actor, row!);
    return render(input.submit ? await submitRow(tx, ctx, row!) : row!);
  });
}

export async function submitDeal(ctx: Ctx, id: string): Promise<DealDetailView> {
  requireAccess(ctx.actor, 'deal.register');
  partnerOf(ctx);
  return write(ctx, 'deals.submit', async (tx) => {
    const row = await lockDeal(tx, id);
    if (row.status !== 'draft')
      throw new AppError('invalid_transition', `cannot submit a registration that is ${row.status}`);
    // the program may have stopped, or the partner left it, since the draft was saved
    await membership(tx, row.partnerId, row.programId);
    const render = await prepareDealDetail(tx, ctx.actor, row);
    return render(await submitRow(tx, ctx, row));
  });
}

const FIXED_AFTER_SUBMISSION = ['programId', 'customerName', 'customerDomain', 'customerCountry'] as const;

/** The partner edits a draft freely; once submitted, only the deal's facts (not who the customer is). */
export async function updateDeal(ctx: Ctx, id: string, raw: UpdateDealInput): Promise<DealDetailView> {
  requireAccess(ctx.actor, 'deal.register');
  partnerOf(ctx);
  const input = parseInput(updateDealBody, raw);
  return write(ctx, 'deals.update', async (tx) => {
    const row = await lockDeal(tx, id);
    if (['rejected', 'withdrawn', 'expired', 'won', 'lost'].includes(row.status))
      throw new AppError('invalid_transition', `a registration that is ${row.status} cannot be edited`);
    if (row.status !== 'draft') {
      const fixed = FIXED_AFTER_SUBMISSION.find((f) => input[f] !== undefined && input[f] !== row[f]);
      if (fixed) throw invalid(fixed, 'cannot change once the registration is submitted');
    }
    const patch = stored(input);
    if (input.programId && input.programId !== row.programId) {
      const { enrollment, program, camUserId } = await membership(tx, row.partnerId, input.programId);
      Object.assign(patch, {
        programId: input.programId,
        currency: program.currency,
        tierId: enrollment.tierId,
        camUserId,
      });
    }
    if (input.productIds) await assertProducts(tx, input.productIds);
    // saving an unchanged form writes no history line
    const changed = Object.entries(patch).some(
      ([k, v]) => JSON.stringify(v) !== JSON.stringify(row[k as keyof DealRow]),
    );
    if (!changed) return dealDetail(tx, ctx.actor, row);
    const next = await changeDeal(tx, ctx, row, patch, { action: 'deal.updated', kind: 'edited' });
    return dealDetail(tx, ctx.actor, next);
  });
}

/** A draft nobody submitted can be thrown away; anything submitted stays on record. */
export async function deleteDraft(ctx: Ctx, id: string): Promise<void> {
  requireAccess(ctx.actor, 'deal.register');
  partnerOf(ctx);
  await write(ctx, 'deals.delete', async (tx) => {
    const row = await lockDeal(tx, id);
    if (row.status !== 'draft') throw new AppError('invalid_transition', 'only a draft can be deleted');
    await tx.delete(deals).where(eq(deals.id, id));
    await recordChange(tx, ctx, {
      action: 'deal.deleted',
      objectType: 'deal',
      objectId: id,
      partnerId: row.partnerId,
      before: dealRecord(row),
      after: null,
    });
  });
}

/**
 * Warns a partner as it types that a customer looks taken, without saying by whom or how: the answer is the
 * same whether another partner or the vendor's own sales team holds it.
 */
export async function checkConflict(ctx: Ctx, raw: ConflictCheckInput): Promise<ConflictCheckView> {
  requireAccess(ctx.actor, 'deal.register');
  partnerOf(ctx);
  const input = parseInput(conflictCheckBody, raw);
  const domain = input.customerDomain ? normalizeDomain(input.customerDomain) : null;
  const nameKey = input.customerName ? normalizeCompanyName(input.customerName) : '';
  if (!domain && nameKey.length < 2) return { likelyConflict: false, message: '' };
  return read(ctx, async (tx) => {
    const matches = await findMatches(tx, domain, nameKey, input.dealId ?? null);
    return matches.length
      ? { likelyConflict: true, message: CONFLICT_MESSAGE }
      : { likelyConflict: false, message: 'No registration of this customer found so far.' };
  });
}
