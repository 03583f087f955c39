import { and, asc, eq, inArray, max, sql } from 'drizzle-orm';
import { requireAccess } from '../../platform/access/require-access.js';
import { recordChange } from '../../platform/audit/record.js';
import type { Ctx } from '../../platform/context.js';
import type { Tx } from '../../platform/db/database.js';
import { attempt } from '../../platform/db/savepoint.js';
import { AppError, conflict, invalid, isForeignKeyViolation, notFound } from '../../platform/errors.js';
import { prepareUpload } from '../../platform/images/upload.js';
import { read, write } from '../../platform/unit-of-work.js';
import { parseInput } from '../../platform/validation.js';
import {
  createTierBody,
  type CreateTierInput,
  reorderTiersBody,
  type ReorderTiersInput,
  type TierView,
  updateTierBody,
  type UpdateTierInput,
} from './contracts.js';
import { assertEditable, loadProgram } from './programs.service.js';
import { programTiers, tierBadges } from './schema.js';
import { slugify, type TierRow, tierView } from './views.js';

/** For this module's services: a program's tiers in rank order, as views. */
export async function tiersOf(tx: Tx, programId: string, currency: string): Promise<TierView[]> {
  const rows = await tx
    .select()
    .from(programTiers)
    .where(eq(programTiers.programId, programId))
    .orderBy(asc(programTiers.rank));
  const badges = await badgeMeta(
    tx,
    rows.map((r) => r.id),
  );
  return rows.map((r) => tierView(r, currency, badges.get(r.id) ?? null));
}

async function badgeMeta(tx: Tx, tierIds: string[]) {
  if (tierIds.length === 0) return new Map<string, { contentType: string; sha256: string }>();
  const rows = await tx
    .select({ tierId: tierBadges.tierId, contentType: tierBadges.contentType, sha256: tierBadges.sha256 })
    .from(tierBadges)
    .where(inArray(tierBadges.tierId, tierIds));
  return new Map(rows.map((r) => [r.tierId, r]));
}

async function loadTier(tx: Tx, programId: string, tierId: string, lock = false): Promise<TierRow> {
  const query = tx
    .select()
    .from(programTiers)
    .where(and(eq(programTiers.id, tierId), eq(programTiers.programId, programId)));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw notFound('Tier');
  return row;
}

async function oneView(tx: Tx, row: TierRow, currency: string): Promise<TierView> {
  return tierView(row, currency, (await badgeMeta(tx, [row.id])).get(row.id) ?? null);
}

export async function listTiers(ctx: Ctx, programId: string): Promise<TierView[]> {
  requireAccess(ctx.actor, 'program.read');
  return read(ctx, async (tx) => {
    const program = await loadProgram(tx, programId);
    return tiersOf(tx, programId, program.currency);
  });
}

/** Names and keys are unique within a program; say which field collides instead of a bare 409. */
async function assertUnique(tx: Tx, programId: string, fields: { key?: string; name?: string }, except?: string) {
  const rows = await tx
    .select({ id: programTiers.id, key: programTiers.key, name: programTiers.name })
    .from(programTiers)
    .where(eq(programTiers.programId, programId));
  const others = rows.filter((r) => r.id !== except);
  if (fields.key && others.some((r) => r.key === fields.key))
    throw new AppError('already_exists', `key: another tier has the key ${fields.key}`, [
      { field: 'key', message: 'another tier of this program has this key' },
    ]);
  if (fields.name && others.some((r) => r.name.toLowerCase() === fields.name!.toLowerCase()))
    throw new AppError('already_exists', `name: another tier is called ${fields.name}`, [
      { field: 'name', message: 'another tier of this program has this name' },
    ]);
}

/** A new tier goes on top of the ladder; reorder to place it elsewhere. */
export async function createTier(ctx: Ctx, programId: string, raw: CreateTierInput): Promise<TierView> {
  requireAccess(ctx.actor, 'program.write');
  const input = parseInput(createTierBody, raw);
  return write(ctx, 'tier.create', async (tx) => {
    const program = await loadProgram(tx, programId, true);
    assertEditable(program);
    const key = input.key ?? slugify(input.name);
    await assertUnique(tx, programId, { key, name: input.name });
    const [{ top } = { top: 0 }] = await tx
      .select({ top: max(programTiers.rank) })
      .from(programTiers)
      .where(eq(programTiers.programId, programId));
    const [row] = await tx
      .insert(programTiers)
      .values({
        programId,
        key,
        name: input.name,
        rank: (top ?? 0) + 1,
        description: input.description,
        invitationOnly: input.invitationOnly,
        criteria: input.criteria,
      })
      .returning();
    const created = await oneView(tx, row!, program.currency);
    await recordChange(tx, ctx, {
      action: 'tier.created',
      objectType: 'tier',
      objectId: created.id,
      partnerId: null,
      before: null,
      after: created,
    });
    return created;
  });
}

export async function updateTier(ctx: Ctx, programId: string, tierId: string, raw: UpdateTierInput): Promise<TierView> {
  requireAccess(ctx.actor, 'program.write');
  const input = parseInput(updateTierBody, raw);
  return write(ctx, 'tier.update', async (tx) => {
    const program = await loadProgram(tx, programId, true);
    assertEditable(program);
    const current = await loadTier(tx, programId, tierId, true);
    await assertUnique(tx, programId, { key: input.key, name: input.name }, tierId);
    const before = await oneView(tx, current, program.currency);
    const [row] = await tx
      .update(programTiers)
      .set({
        key: input.key ?? current.key,
        name: input.name ?? current.name,
        description: input.description ?? current.description,
        invitationOnly: input.invitationOnly ?? current.invitationOnly,
        criteria: input.criteria ?? current.criteria,
        updatedAt: new Date(),
      })
      .where(eq(programTiers.id, tierId))
      .returning();
    const updated = await oneView(tx, row!, program.currency);
    await recordChange(tx, ctx, {
      action: 'tier.updated',
      objectType: 'tier',
      objectId: tierId,
      partnerId: null,
      before,
      after: updated,
    });
    return updated;
  });
}

/** A tier partners hold cannot go; the ranks above it close the gap. */
export async function deleteTier(ctx: Ctx, programId: string, tierId: string): Promise<void> {
  requireAccess(ctx.actor, 'program.write');
  await write(ctx, 'tier.delete', async (tx) => {
    const program = await loadProgram(tx, programId, true);
    assertEditable(program);
    const current = await loadTier(tx, programId, tierId, true);
    const before = await oneView(tx, current, program.currency);
    try {
      await attempt(tx, () => tx.delete(programTiers).where(eq(programTiers.id, tierId)));
    } catch (error) {
      if (!isForeignKeyViolation(error)) throw error;
      throw conflict(`Partners hold the tier ${current.name}; move them to another tier first`);
    }
    await renumber(tx, programId);
    await recordChange(tx, ctx, {
      action: 'tier.deleted',
      objectType: 'tier',
      objectId: tierId,
      partnerId: null,
      before,
      after: null,
    });
  });
}

/**
 * Ranks are unique per program, so moving them in place would collide midway: park every tier on a negative
 * rank first, then give each its final rank. The program row lock makes concurrent reorders wait their turn.
 */
export async function setRanks(tx: Tx, programId: string, orderedIds: string[]): Promise<void> {
  await tx
    .update(programTiers)
    .set({ rank: sql`-${programTiers.rank}` })
    .where(eq(programTiers.programId, programId));
  for (const [i, id] of orderedIds.entries()) {
    await tx
      .update(programTiers)
      .set({ rank: i + 1, updatedAt: new Date() })
      .where(and(eq(programTiers.id, id), eq(programTiers.programId, programId)));
  }
}

async function renumber(tx: Tx, programId: string): Promise<void> {
  const rows = await tx
    .select({ id: programTiers.id })
    .from(programTiers)
    .where(eq(programTiers.programId, programId))
    .orderBy(asc(programTiers.rank));
  await setRanks(
    tx,
    programId,
    rows.map((r) => r.id),
  );
}

export async function reorderTiers(ctx: Ctx, programId: string, raw: ReorderTiersInput): Promise<TierView[]> {
  requireAccess(ctx.actor, 'program.write');
  const input = parseInput(reorderTiersBody, raw);
  return write(ctx, 'tier.reorder', async (tx) => {
    const program = await loadProgram(tx, programId, true);
    assertEditable(program);
    const before = await tiersOf(tx, programId, program.currency);
    const current = new Set(before.map((t) => t.id));
    if (input.tierIds.length !== current.size || !input.tierIds.every((id) => current.has(id)))
      throw invalid('tierIds', `must list each of the program's ${current.size} tiers exactly once`);
    await setRanks(tx, programId, input.tierIds);
    const after = await tiersOf(tx, programId, program.currency);
    await recordChange(tx, ctx, {
      action: 'program.tiers_reordered',
      objectType: 'program',
      objectId: programId,
      partnerId: null,
      before: { tiers: before.map((t) => t.key) },
      after: { tiers: after.map((t) => t.key) },
    });
    return after;
  });
}

/** Badges are checked from their bytes and SVGs sanitized before they are stored. */
export async function putBadge(ctx: Ctx, programId: string, tierId: string, bytes: Uint8Array): Promise<TierView> {
  requireAccess(ctx.actor, 'program.write');
  const badge = prepareUpload(bytes, 'badge');
  return write(ctx, 'tier.badge', async (tx) => {
    const program = await loadProgram(tx, programId, true);
    assertEditable(program);
    const tier = await loadTier(tx, programId, tierId, true);
    const values = {
      contentType: badge.contentType,
      data: Buffer.from(badge.bytes),
      sha256: badge.sha256,
      updatedAt: new Date(),
    };
    await tx
      .insert(tierBadges)
      .values({ tierId, programId, ...values })
      .onConflictDoUpdate({ target: tierBadges.tierId, set: values });
    const updated = await oneView(tx, tier, program.currency);
    await recordChange(tx, ctx, {
      action: 'tier.badge_changed',
      objectType: 'tier',
      objectId: tierId,
      partnerId: null,
      before: null,
      after: updated,
    });
    return updated;
  });
}

export async function deleteBadge(ctx: Ctx, programId: string, tierId: string): Promise<TierView> {
  requireAccess(ctx.actor, 'program.write');
  return write(ctx, 'tier.badge_delete', async (tx) => {
    const program = await loadProgram(tx, programId, true);
    assertEditable(program);
    const tier = await loadTier(tx, programId, tierId, true);
    await tx.delete(tierBadges).where(eq(tierBadges.tierId, tierId));
    const updated = await oneView(tx, tier, program.currency);
    await recordChange(tx, ctx, {
      action: 'tier.badge_removed',
      objectType: 'tier',
      objectId: tierId,
      partnerId: null,
      before: null,
      after: updated,
    });
    return updated;
  });
}

/** The badge image itself; partners read it for the programs they may see (the database decides which). */
export async function getBadge(
  ctx: Ctx,
  tierId: string,
): Promise<{ contentType: string; data: Buffer; sha256: string }> {
  requireAccess(ctx.actor, 'ladder.read');
  const [row] = await read(ctx, (tx) =>
    tx
      .select({ contentType: tierBadges.contentType, data: tierBadges.data, sha256: tierBadges.sha256 })
      .from(tierBadges)
      .where(eq(tierBadges.tierId, tierId)),
  );
  if (!row) throw notFound('Badge');
  return row;
}
