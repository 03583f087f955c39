import { and, eq, isNull } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import type { Tx } from '../../platform/db/database.js';
import { recordChange } from '../../platform/audit/record.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import { emitEvent } from '../../platform/jobs/outbox.js';
import { queueTemplatedMail } from '../../platform/mail/templates.js';
import { hasAcceptedCurrent } from '../agreements/queries.js';
import { partnerAdmins, staffRefs, vendorUsersWithRoles } from '../identity/users.service.js';
import { recordOnboardingEvent, startOnboarding } from '../onboarding/events.js';
import { markPartnerActive, partnerRefs } from '../partners/service.js';
import { entryTier, programRefs, tierRefs } from '../programs/refs.js';
import {
  enrollmentApprovedMail,
  enrollmentRejectedMail,
  enrollmentStatusMail,
  enrollmentSubmittedMail,
} from './mails.js';
import { checkMove, type EnrollmentStatus, type Mover } from './rules/lifecycle.js';
import { addYear, todayUtc } from './rules/dates.js';
import { enrollments, enrollmentStatusChanges, tierChanges } from './schema.js';
import { enrollmentViews, type EnrollmentRow } from './views.js';

/** Locks and returns an enrollment the caller can see; anything else is a 404. */
export async function lockEnrollment(tx: Tx, id: string): Promise<EnrollmentRow> {
  const [row] = await tx.select().from(enrollments).where(eq(enrollments.id, id)).for('update');
  if (!row) throw notFound('Enrollment');
  return row;
}

export async function assertTierOf(tx: Tx, programId: string, tierId: string | null): Promise<void> {
  if (!tierId) return;
  const tier = (await tierRefs(tx, [tierId])).get(tierId);
  if (!tier || tier.programId !== programId) throw invalid('tierId', 'is not a tier of this program');
}

/** Only a running program takes new members. */
export async function assertProgramTakesMembers(tx: Tx, programId: string, field = 'programId'): Promise<void> {
  const program = (await programRefs(tx, [programId])).get(programId);
  if (!program) throw notFound('Program');
  if (program.status !== 'active') throw invalid(field, `the program is ${program.status}, not active`);
}

/**
 * Moves an enrollment to `to` if the lifecycle allows `by` to, stamping its dates, keeping the history and
 * telling whoever must act next. Approval starts onboarding and, when nothing is left to accept, activation.
 */
export async function moveStatus(
  tx: Tx,
  ctx: Ctx,
  row: EnrollmentRow,
  to: EnrollmentStatus,
  by: Mover,
  reason: string,
  /** Who reviews a submission; looked up by the caller because a partner's scope cannot read vendor users. */
  reviewers: { email: string }[] = [],
): Promise<EnrollmentRow> {
  const check = checkMove(row.status, to, by, reason);
  if (!check.ok) {
    if (check.code === 'reason_required') throw invalid('reason', check.message);
    throw new AppError('invalid_transition', check.message, [{ field: 'status', message: check.message }]);
  }
  const now = new Date();
  const stamp: Partial<EnrollmentRow> = { status: to, updatedAt: now };
  if (to === 'submitted') stamp.submittedAt = now;
  if (to === 'approved') {
    stamp.approvedAt = now;
    if (!row.tierId) stamp.tierId = (await entryTier(tx, row.programId))?.id ?? null;
    if (!row.camUserId)
      stamp.camUserId = (await partnerRefs(tx, [row.partnerId])).get(row.partnerId)?.camUserId ?? null;
  }
  if (to === 'active' && !row.activatedAt) {
    stamp.activatedAt = now;
    stamp.startDate = row.startDate ?? todayUtc(now);
    stamp.renewalDate = row.renewalDate ?? addYear(stamp.startDate);
  }
  const [before] = await enrollmentViews(tx, [row]);
  const [moved] = await tx.update(enrollments).set(stamp).where(eq(enrollments.id, row.id)).returning();
  await tx.insert(enrollmentStatusChanges).values({
    enrollmentId: row.id,
    partnerId: row.partnerId,
    fromStatus: row.status,
    toStatus: to,
    reason: reason.trim(),
    actorLabel: ctx.actor.label,
  });
  if (stamp.tierId && stamp.tierId !== row.tierId)
    await tx.insert(tierChanges).values({
      enrollmentId: row.id,
      partnerId: row.partnerId,
      fromTierId: row.tierId,
      toTierId: stamp.tierId,
      reason: 'entry tier on approval',
      actorLabel: ctx.actor.label,
    });
  const [after] = await enrollmentViews(tx, [moved!]);
  await recordChange(tx, ctx, {
    action: `enrollment.${to}`,
    objectType: 'enrollment',
    objectId: row.id,
    partnerId: row.partnerId,
    before: before!,
    after: after!,
  });
  await emitEvent(tx, 'enrollment.status_changed', {
    enrollmentId: row.id,
    partnerId: row.partnerId,
    programId: row.programId,
    from: row.status,
    to,
  });
  await notify(tx, ctx, moved!, after!, to, reason, reviewers);
  if (to === 'active') await markPartnerActive(tx, ctx, row.partnerId);
  if (to === 'approved') {
    await startOnboarding(tx, { enrollmentId: row.id, partnerId: row.partnerId, programId: row.programId });
    return (await activateIfReady(tx, ctx, row.id)) ?? moved!;
  }
  return moved!;
}

/** Mails whoever has to act (or to know) after a move. */
async function notify(
  tx: Tx,
  ctx: Ctx,
  row: EnrollmentRow,
  view: { programName: string; partnerName: string; tierName: string | null },
  to: EnrollmentStatus,
  reason: string,
  reviewers: { email: string }[],
): Promise<void> {
  const base = ctx.config.publicUrl;
  const { programName, partnerName, tierName } = view;
  if (to === 'submitted') {
    for (const r of reviewers)
      await queueTemplatedMail(tx, enrollmentSubmittedMail, r.email, {
        partnerName,
        programName,
        link: `${base}/console/partners/${row.partnerId}`,
      });
    return;
  }
  const admins = await partnerAdmins(tx, row.partnerId);
  for (const admin of admins) {
    const common = { name: admin.name, partnerName, programName };
    if (to === 'approved') {
      const accepted = await hasAcceptedCurrent(tx, row.programId, row.id);
      await queueTemplatedMail(tx, enrollmentApprovedMail, admin.email, {
        ...common,
        tierText: tierName ? ` at the ${tierName} tier` : '',
        nextStep: accepted ? 'Your membership is active.' : 'To start, accept the program agreement in the portal.',
        link: `${base}/portal`,
      });
    } else if (to === 'rejected') {
      await queueTemplatedMail(tx, enrollmentRejectedMail, admin.email, { ...common, reason: reason.trim() });
    } else if (to === 'suspended' || to === 'terminated' || (to === 'active' && row.status !== 'approved')) {
      await queueTemplatedMail(tx, enrollmentStatusMail, admin.email, {
        ...common,
        status: to,
        reason: reason.trim() || '—',
      });
    }
  }
}

/**
 * Both sides agree: an approved enrollment becomes active once the program's current agreement is accepted (or
 * when there is none to accept). Returns the moved row, or null when it stays as it is.
 */
export async function activateIfReady(tx: Tx, ctx: Ctx, enrollmentId: string): Promise<EnrollmentRow | null> {
  const row = await lockEnrollment(tx, enrollmentId);
  if (row.status !== 'approved') return null;
  if (!(await hasAcceptedCurrent(tx, row.programId, row.id))) return null;
  return moveStatus(tx, ctx, row, 'active', 'system', 'approved by the vendor and the agreement accepted');
}

/**
 * The vendor admits a partner to a program (an approved application, or a channel manager placing a partner):
 * the enrollment is created or moved to `approved`, and becomes active when nothing is left to accept.
 */
export async function admitPartner(
  tx: Tx,
  ctx: Ctx,
  input: {
    partnerId: string;
    programId: string;
    reason: string;
    tierId?: string | null;
    camUserId?: string | null;
    startDate?: string | null;
    renewalDate?: string | null;
  },
): Promise<EnrollmentRow> {
  await assertProgramTakesMembers(tx, input.programId);
  await assertTierOf(tx, input.programId, input.tierId ?? null);
  const [existing] = await tx
    .select()
    .from(enrollments)
    .where(and(eq(enrollments.partnerId, input.partnerId), eq(enrollments.programId, input.programId)))
    .for('update');
  let row = existing;
  if (row && row.status !== 'draft' && row.status !== 'submitted')
    throw new AppError('already_exists', `partnerId: the partner is in this program already (${row.status})`, [
      { field: 'partnerId', message: `the partner is in this program already (${row.status})` },
    ]);
  const preset = {
    tierId: input.tierId ?? row?.tierId ?? null,
    camUserId: input.camUserId ?? row?.camUserId ?? null,
    startDate: input.startDate ?? row?.startDate ?? null,
    renewalDate: input.renewalDate ?? row?.renewalDate ?? null,
  };
  if (!row) {
    [row] = await tx
      .insert(enrollments)
      .values({
        partnerId: input.partnerId,
        programId: input.programId,
        status: 'submitted',
        submittedAt: new Date(),
        ...preset,
      })
      .returning();
    await tx.insert(enrollmentStatusChanges).values({
      enrollmentId: row!.id,
      partnerId: row!.partnerId,
      fromStatus: null,
      toStatus: 'submitted',
      reason: input.reason,
      actorLabel: ctx.actor.label,
    });
    if (row!.tierId)
      await tx.insert(tierChanges).values({
        enrollmentId: row!.id,
        partnerId: row!.partnerId,
        fromTierId: null,
        toTierId: row!.tierId,
        reason: 'enrolled',
        actorLabel: ctx.actor.label,
      });
  } else {
    [row] = await tx.update(enrollments).set(preset).where(eq(enrollments.id, row.id)).returning();
    if (row!.status === 'draft') row = await moveStatus(tx, ctx, row!, 'submitted', 'vendor', input.reason);
  }
  return moveStatus(tx, ctx, row!, 'approved', 'vendor', input.reason);
}

/**
 * For the deals module: the first deal a partner registers in a program. Kept once, so time to first deal
 * counts from approval to that moment; the onboarding step it completes is ticked with it.
 */
export async function recordFirstDeal(
  tx: Tx,
  input: { partnerId: string; programId: string; at: Date; actorLabel: string },
): Promise<void> {
  const [row] = await tx
    .update(enrollments)
    .set({ firstDealAt: input.at })
    .where(
      and(
        eq(enrollments.partnerId, input.partnerId),
        eq(enrollments.programId, input.programId),
        // only the first one counts
        isNull(enrollments.firstDealAt),
      ),
    )
    .returning({ id: enrollments.id });
  if (row)
    await recordOnboardingEvent(tx, {
      partnerId: input.partnerId,
      programId: input.programId,
      event: 'first_deal_registered',
      actorLabel: input.actorLabel,
    });
}

/** Who hears of a partner's request to join: its channel account manager, or else the vendor's admins. */
export async function reviewersOf(tx: Tx, partnerId: string): Promise<{ email: string }[]> {
  const camUserId = (await partnerRefs(tx, [partnerId])).get(partnerId)?.camUserId ?? null;
  const cam = camUserId ? (await staffRefs(tx, [camUserId])).get(camUserId) : undefined;
  return cam ? [cam] : vendorUsersWithRoles(tx, ['admin']);
}
