import { and, asc, count, desc, eq, inArray } from 'drizzle-orm';
import { actorPartnerId } from '../../platform/access/actor.js';
import { requireAccess } from '../../platform/access/require-access.js';
import { recordChange } from '../../platform/audit/record.js';
import type { Ctx } from '../../platform/context.js';
import type { Tx } from '../../platform/db/database.js';
import { AppError, forbidden, invalid, notFound } from '../../platform/errors.js';
import { read, write } from '../../platform/unit-of-work.js';
import { parseInput } from '../../platform/validation.js';
import { staffRefs } from '../identity/users.service.js';
import { partnerExists } from '../partners/service.js';
import { programRefs, tierRefs } from '../programs/refs.js';
import {
  applyBody,
  type ApplyInput,
  changeTierBody,
  type ChangeTierInput,
  enrollBody,
  type EnrollInput,
  type EnrollmentEventView,
  type EnrollmentView,
  listEnrollmentsQuery,
  type ListEnrollmentsQuery,
  moveBody,
  type MoveInput,
  type TierChangeView,
  updateEnrollmentBody,
  type UpdateEnrollmentInput,
} from './contracts.js';
import {
  admitPartner,
  assertProgramTakesMembers,
  assertTierOf,
  lockEnrollment,
  moveStatus,
  reviewersOf,
} from './lifecycle.service.js';
import { ENROLLMENT_STATUSES, type EnrollmentStatus, PARTICIPATING } from './rules/lifecycle.js';
import { enrollments, enrollmentStatusChanges, tierChanges } from './schema.js';
import { enrollmentViews, type EnrollmentRow } from './views.js';

export { activateIfReady, admitPartner, recordFirstDeal } from './lifecycle.service.js';

const system = { kind: 'system' } as const;

/** For other modules: a partner's enrollments (in the caller's scope, so a partner only ever sees its own). */
export async function enrollmentsOf(tx: Tx, partnerId: string): Promise<EnrollmentView[]> {
  return enrollmentViews(
    tx,
    await tx.select().from(enrollments).where(eq(enrollments.partnerId, partnerId)).orderBy(asc(enrollments.createdAt)),
  );
}

/** For other modules: a program's enrollments in these statuses (e.g. who must accept a new agreement). */
export async function programEnrollmentsIn(
  tx: Tx,
  programId: string,
  statuses: readonly EnrollmentStatus[],
): Promise<{ id: string; partnerId: string; status: EnrollmentStatus }[]> {
  if (statuses.length === 0) return [];
  return tx
    .select({ id: enrollments.id, partnerId: enrollments.partnerId, status: enrollments.status })
    .from(enrollments)
    .where(and(eq(enrollments.programId, programId), inArray(enrollments.status, [...statuses])))
    .orderBy(asc(enrollments.createdAt));
}

/** Enrollments the caller may see (a partner only its own), newest first, filtered. */
export async function listEnrollments(ctx: Ctx, raw: Partial<ListEnrollmentsQuery>): Promise<EnrollmentView[]> {
  requireAccess(ctx.actor, 'enrollment.read');
  const q = parseInput(listEnrollmentsQuery, raw);
  return read(ctx, async (tx) => {
    const rows = await tx
      .select()
      .from(enrollments)
      .where(
        and(
          q.partnerId ? eq(enrollments.partnerId, q.partnerId) : undefined,
          q.programId ? eq(enrollments.programId, q.programId) : undefined,
          q.status ? eq(enrollments.status, q.status) : undefined,
          q.camUserId ? eq(enrollments.camUserId, q.camUserId) : undefined,
        ),
      )
      .orderBy(desc(enrollments.updatedAt), desc(enrollments.id))
      .limit(500);
    return enrollmentViews(tx, rows);
  });
}

export async function getEnrollment(ctx: Ctx, id: string): Promise<EnrollmentView> {
  requireAccess(ctx.actor, 'enrollment.read');
  return read(ctx, async (tx) => {
    const [row] = await tx.select().from(enrollments).where(eq(enrollments.id, id));
    if (!row) throw notFound('Enrollment');
    return (await enrollmentViews(tx, [row]))[0]!;
  });
}

export async function listProgramEnrollments(ctx: Ctx, programId: string): Promise<EnrollmentView[]> {
  requireAccess(ctx.actor, 'enrollment.read');
  return read(ctx, async (tx) => {
    if (!(await programRefs(tx, [programId])).has(programId)) throw notFound('Program');
    const rows = await tx
      .select()
      .from(enrollments)
      .where(eq(enrollments.programId, programId))
      .orderBy(asc(enrollments.createdAt));
    return enrollmentViews(tx, rows);
  });
}

async function assertCam(tx: Tx, camUserId: string | null | undefined): Promise<void> {
  if (camUserId && !(await staffRefs(tx, [camUserId])).has(camUserId))
    throw invalid('camUserId', 'is not a vendor user');
}

/** A channel manager places a partner in a program: approved at once, active when the agreement is accepted. */
export async function enrollPartner(ctx: Ctx, programId: string, raw: EnrollInput): Promise<EnrollmentView> {
  requireAccess(ctx.actor, 'enrollment.write');
  const input = parseInput(enrollBody, raw);
  return write(ctx, 'enrollment.create', async (tx) => {
    if (!(await programRefs(tx, [programId])).has(programId)) throw notFound('Program');
    if (!(await partnerExists(tx, input.partnerId))) throw invalid('partnerId', 'no such partner');
    await assertCam(tx, input.camUserId);
    const row = await admitPartner(tx, ctx, {
      ...input,
      programId,
      reason: input.reason || 'placed by the vendor',
    });
    return (await enrollmentViews(tx, [row]))[0]!;
  });
}

/** A partner admin asks to join another running program: saved as a draft, or submitted for review. */
export async function applyToProgram(ctx: Ctx, raw: ApplyInput): Promise<EnrollmentView> {
  requireAccess(ctx.actor, 'enrollment.apply');
  const partnerId = actorPartnerId(ctx.actor);
  if (!partnerId) throw forbidden('Only a partner asks to join a program');
  const input = parseInput(applyBody, raw);
  const reviewers = input.submit ? await ctx.db.run(system, (sys) => reviewersOf(sys, partnerId)) : [];
  return write(ctx, 'enrollment.apply', async (tx) => {
    await assertProgramTakesMembers(tx, input.programId);
    const [existing] = await tx
      .select({ id: enrollments.id, status: enrollments.status })
      .from(enrollments)
      .where(and(eq(enrollments.partnerId, partnerId), eq(enrollments.programId, input.programId)));
    if (existing)
      throw new AppError('already_exists', `programId: you are in this program already (${existing.status})`, [
        { field: 'programId', message: `you are in this program already (${existing.status})` },
      ]);
    const [row] = await tx
      .insert(enrollments)
      .values({ partnerId, programId: input.programId, status: 'draft' })
      .returning();
    await tx.insert(enrollmentStatusChanges).values({
      enrollmentId: row!.id,
      partnerId,
      fromStatus: null,
      toStatus: 'draft',
      reason: '',
      actorLabel: ctx.actor.label,
    });
    const [created] = await enrollmentViews(tx, [row!]);
    await recordChange(tx, ctx, {
      action: 'enrollment.created',
      objectType: 'enrollment',
      objectId: row!.id,
      partnerId,
      before: null,
      after: created!,
    });
    const final = input.submit ? await moveStatus(tx, ctx, row!, 'submitted', 'partner', '', reviewers) : row!;
    return (await enrollmentViews(tx, [final]))[0]!;
  });
}

/** A status move asked for by a person: partners may only submit their drafts, the vendor decides the rest. */
export async function moveEnrollment(ctx: Ctx, id: string, raw: MoveInput): Promise<EnrollmentView> {
  const partnerId = actorPartnerId(ctx.actor);
  requireAccess(ctx.actor, partnerId ? 'enrollment.apply' : 'enrollment.write');
  const input = parseInput(moveBody, raw);
  const reviewers =
    partnerId && input.status === 'submitted' ? await ctx.db.run(system, (sys) => reviewersOf(sys, partnerId)) : [];
  return write(ctx, 'enrollment.status', async (tx) => {
    const row = await lockEnrollment(tx, id);
    if (input.status === 'submitted' || input.status === 'approved')
      await assertProgramTakesMembers(tx, row.programId, 'status');
    const moved = await moveStatus(
      tx,
      ctx,
      row,
      input.status,
      partnerId ? 'partner' : 'vendor',
      input.reason,
      reviewers,
    );
    return (await enrollmentViews(tx, [moved]))[0]!;
  });
}

/** The vendor's terms of an enrollment: its channel account manager and dates. */
export async function updateEnrollment(ctx: Ctx, id: string, raw: UpdateEnrollmentInput): Promise<EnrollmentView> {
  requireAccess(ctx.actor, 'enrollment.write');
  const input = parseInput(updateEnrollmentBody, raw);
  return write(ctx, 'enrollment.update', async (tx) => {
    const row = await lockEnrollment(tx, id);
    await assertCam(tx, input.camUserId);
    const start = input.startDate !== undefined ? input.startDate : row.startDate;
    const renewal = input.renewalDate !== undefined ? input.renewalDate : row.renewalDate;
    if (start && renewal && renewal < start) throw invalid('renewalDate', 'must not be before the start date');
    const [before] = await enrollmentViews(tx, [row]);
    const [updated] = await tx
      .update(enrollments)
      .set({ ...input, updatedAt: new Date() })
      .where(eq(enrollments.id, id))
      .returning();
    const [after] = await enrollmentViews(tx, [updated!]);
    await recordChange(tx, ctx, {
      action: 'enrollment.updated',
      objectType: 'enrollment',
      objectId: id,
      partnerId: row.partnerId,
      before: before!,
      after: after!,
    });
    return after!;
  });
}

/** Every tier change is kept with its reason, so a partner can see why it moved. */
export async function changeTier(ctx: Ctx, id: string, raw: ChangeTierInput): Promise<EnrollmentView> {
  requireAccess(ctx.actor, 'enrollment.write');
  const input = parseInput(changeTierBody, raw);
  return write(ctx, 'enrollment.tier', async (tx) => {
    const current = await lockEnrollment(tx, id);
    if (current.tierId === input.tierId) throw invalid('tierId', 'the partner holds this tier already');
    await assertTierOf(tx, current.programId, input.tierId);
    const [before] = await enrollmentViews(tx, [current]);
    const [row] = await tx
      .update(enrollments)
      .set({ tierId: input.tierId, updatedAt: new Date() })
      .where(eq(enrollments.id, id))
      .returning();
    await tx.insert(tierChanges).values({
      enrollmentId: id,
      partnerId: current.partnerId,
      fromTierId: current.tierId,
      toTierId: input.tierId,
      reason: input.reason,
      actorLabel: ctx.actor.label,
    });
    const [after] = await enrollmentViews(tx, [row!]);
    await recordChange(tx, ctx, {
      action: 'enrollment.tier_changed',
      objectType: 'enrollment',
      objectId: id,
      partnerId: current.partnerId,
      before: before!,
      after: after!,
    });
    return after!;
  });
}

async function tierEvents(tx: Tx, id: string): Promise<(TierChangeView & { kind: 'tier' })[]> {
  const rows = await tx
    .select()
    .from(tierChanges)
    .where(eq(tierChanges.enrollmentId, id))
    .orderBy(asc(tierChanges.at), asc(tierChanges.id));
  const tiers = await tierRefs(
    tx,
    rows.flatMap((r) => [r.fromTierId, r.toTierId]),
  );
  const name = (tierId: string | null) => (tierId ? (tiers.get(tierId)?.name ?? 'a removed tier') : null);
  return rows.map((r) => ({
    kind: 'tier',
    id: r.id,
    fromTier: name(r.fromTierId),
    toTier: name(r.toTierId),
    reason: r.reason,
    actor: r.actorLabel,
    at: r.at.toISOString(),
  }));
}

/** For this and other modules: an enrollment the caller can see, without locking it; anything else is a 404. */
export async function visibleEnrollment(tx: Tx, id: string): Promise<EnrollmentRow> {
  const [row] = await tx.select().from(enrollments).where(eq(enrollments.id, id));
  if (!row) throw notFound('Enrollment');
  return row;
}

export async function tierHistory(ctx: Ctx, id: string): Promise<TierChangeView[]> {
  requireAccess(ctx.actor, 'enrollment.read');
  return read(ctx, async (tx) => {
    await visibleEnrollment(tx, id);
    return (await tierEvents(tx, id)).map(({ kind: _kind, ...rest }) => rest);
  });
}

/** Status moves and tier changes of an enrollment, oldest first. */
export async function enrollmentHistory(ctx: Ctx, id: string): Promise<EnrollmentEventView[]> {
  requireAccess(ctx.actor, 'enrollment.read');
  return read(ctx, async (tx) => {
    await visibleEnrollment(tx, id);
    const statuses = await tx
      .select()
      .from(enrollmentStatusChanges)
      .where(eq(enrollmentStatusChanges.enrollmentId, id))
      .orderBy(asc(enrollmentStatusChanges.at), asc(enrollmentStatusChanges.id));
    const events: EnrollmentEventView[] = [
      ...statuses.map((s) => ({
        id: s.id,
        kind: 'status' as const,
        from: s.fromStatus,
        to: s.toStatus,
        reason: s.reason,
        actor: s.actorLabel,
        at: s.at.toISOString(),
      })),
      ...(await tierEvents(tx, id)).map((t) => ({
        id: t.id,
        kind: 'tier' as const,
        from: t.fromTier,
        to: t.toTier,
        reason: t.reason,
        actor: t.actor,
        at: t.at,
      })),
    ];
    // moves made in one transaction share its time; they always run forward through the lifecycle
    const rank = (e: EnrollmentEventView) =>
      e.kind === 'status' ? ENROLLMENT_STATUSES.indexOf(e.to as EnrollmentStatus) : ENROLLMENT_STATUSES.length;
    return events.sort((a, b) => a.at.localeCompare(b.at) || rank(a) - rank(b));
  });
}

/** For the programs module: how many partners hold each of these tiers (tiers nobody holds are left out). */
export async function partnersAtTiers(tx: Tx, tierIds: string[]): Promise<Map<string, number>> {
  if (tierIds.length === 0) return new Map();
  const rows = await tx
    .select({ tierId: enrollments.tierId, partners: count() })
    .from(enrollments)
    .where(inArray(enrollments.tierId, tierIds))
    .groupBy(enrollments.tierId);
  return new Map(rows.map((r) => [r.tierId!, r.partners]));
}

/** For the deals module: a partner's membership of a program while it takes part (active), else null. */
export async function participation(
  tx: Tx,
  partnerId: string,
  programId: string,
): Promise<{ id: string; tierId: string | null; camUserId: string | null } | null> {
  const [row] = await tx
    .select({ id: enrollments.id, tierId: enrollments.tierId, camUserId: enrollments.camUserId })
    .from(enrollments)
    .where(
      and(
        eq(enrollments.partnerId, partnerId),
        eq(enrollments.programId, programId),
        inArray(enrollments.status, [...PARTICIPATING]),
      ),
    );
  return row ?? null;
}
