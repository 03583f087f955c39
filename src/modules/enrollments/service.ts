import { and, asc, count, eq, inArray } from 'drizzle-orm';
import { requireAccess } from '../../platform/access/require-access.js';
import { recordChange } from '../../platform/audit/record.js';
import type { Ctx } from '../../platform/context.js';
import type { Tx } from '../../platform/db/database.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import { read, write } from '../../platform/unit-of-work.js';
import { parseInput } from '../../platform/validation.js';
import { partnerExists, partnerRefs } from '../partners/service.js';
import { programRefs, tierRefs } from '../programs/refs.js';
import {
  changeTierBody,
  type ChangeTierInput,
  enrollBody,
  type EnrollInput,
  type EnrollmentView,
  type TierChangeView,
} from './contracts.js';
import { enrollments, tierChanges } from './schema.js';

type Row = typeof enrollments.$inferSelect;

async function views(tx: Tx, rows: Row[]): Promise<EnrollmentView[]> {
  const partners = await partnerRefs(
    tx,
    rows.map((r) => r.partnerId),
  );
  const programs = await programRefs(
    tx,
    rows.map((r) => r.programId),
  );
  const tiers = await tierRefs(
    tx,
    rows.map((r) => r.tierId),
  );
  return rows.map((r) => ({
    id: r.id,
    partnerId: r.partnerId,
    partnerName: partners.get(r.partnerId)?.name ?? '',
    programId: r.programId,
    programName: programs.get(r.programId)?.name ?? '',
    tierId: r.tierId,
    tierName: r.tierId ? (tiers.get(r.tierId)?.name ?? null) : null,
    status: 'active',
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  }));
}

/** For other modules: a partner's enrollments (in the caller's scope, so a partner only ever sees its own). */
export async function enrollmentsOf(tx: Tx, partnerId: string): Promise<EnrollmentView[]> {
  return views(tx, await tx.select().from(enrollments).where(eq(enrollments.partnerId, partnerId)));
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
    return views(tx, rows);
  });
}

async function assertTierOf(tx: Tx, programId: string, tierId: string | null): Promise<void> {
  if (!tierId) return;
  const tier = (await tierRefs(tx, [tierId])).get(tierId);
  if (!tier || tier.programId !== programId) throw invalid('tierId', 'is not a tier of this program');
}

export async function enrollPartner(ctx: Ctx, programId: string, raw: EnrollInput): Promise<EnrollmentView> {
  requireAccess(ctx.actor, 'enrollment.write');
  const input = parseInput(enrollBody, raw);
  return write(ctx, 'enrollment.create', async (tx) => {
    const program = (await programRefs(tx, [programId])).get(programId);
    if (!program) throw notFound('Program');
    if (!(await partnerExists(tx, input.partnerId))) throw invalid('partnerId', 'no such partner');
    await assertTierOf(tx, programId, input.tierId);
    const [existing] = await tx
      .select({ id: enrollments.id })
      .from(enrollments)
      .where(and(eq(enrollments.partnerId, input.partnerId), eq(enrollments.programId, programId)));
    if (existing)
      throw new AppError('already_exists', 'partnerId: the partner is in this program already', [
        { field: 'partnerId', message: 'the partner is in this program already' },
      ]);
    const [row] = await tx
      .insert(enrollments)
      .values({ partnerId: input.partnerId, programId, tierId: input.tierId, status: 'active' })
      .returning();
    await tx.insert(tierChanges).values({
      enrollmentId: row!.id,
      partnerId: row!.partnerId,
      fromTierId: null,
      toTierId: row!.tierId,
      reason: 'enrolled',
      actorLabel: ctx.actor.label,
    });
    const [created] = await views(tx, [row!]);
    await recordChange(tx, ctx, {
      action: 'enrollment.created',
      objectType: 'enrollment',
      objectId: row!.id,
      partnerId: row!.partnerId,
      before: null,
      after: created!,
    });
    return created!;
  });
}

async function load(ctx: Ctx, tx: Tx, id: string): Promise<Row> {
  const [row] = await tx.select().from(enrollments).where(eq(enrollments.id, id)).for('update');
  if (!row) throw notFound('Enrollment');
  requireAccess(ctx.actor, 'enrollment.read', { partnerId: row.partnerId });
  return row;
}

/** Every tier change is kept with its reason, so a partner can see why it moved. */
export async function changeTier(ctx: Ctx, id: string, raw: ChangeTierInput): Promise<EnrollmentView> {
  requireAccess(ctx.actor, 'enrollment.write');
  const input = parseInput(changeTierBody, raw);
  return write(ctx, 'enrollment.tier', async (tx) => {
    const current = await load(ctx, tx, id);
    if (current.tierId === input.tierId) throw invalid('tierId', 'the partner holds this tier already');
    await assertTierOf(tx, current.programId, input.tierId);
    const [before] = await views(tx, [current]);
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
    const [after] = await views(tx, [row!]);
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

export async function tierHistory(ctx: Ctx, id: string): Promise<TierChangeView[]> {
  requireAccess(ctx.actor, 'enrollment.read');
  return read(ctx, async (tx) => {
    const [enrollment] = await tx.select().from(enrollments).where(eq(enrollments.id, id));
    if (!enrollment) throw notFound('Enrollment');
    requireAccess(ctx.actor, 'enrollment.read', { partnerId: enrollment.partnerId });
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
      id: r.id,
      fromTier: name(r.fromTierId),
      toTier: name(r.toTierId),
      reason: r.reason,
      actor: r.actorLabel,
      at: r.at.toISOString(),
    }));
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
