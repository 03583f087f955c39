import { and, asc, eq, isNotNull, isNull, or } from 'drizzle-orm';
import { requireAccess } from '../../platform/access/require-access.js';
import { recordChange } from '../../platform/audit/record.js';
import type { Ctx } from '../../platform/context.js';
import type { Tx } from '../../platform/db/database.js';
import { contains } from '../../platform/db/search.js';
import { AppError, conflict, notFound } from '../../platform/errors.js';
import { read, write } from '../../platform/unit-of-work.js';
import { parseInput } from '../../platform/validation.js';
import {
  type BenefitView,
  createBenefitBody,
  type CreateBenefitInput,
  listBenefitsQuery,
  type ListBenefitsQuery,
  updateBenefitBody,
  type UpdateBenefitInput,
} from './contracts.js';
import { WELL_KNOWN_BENEFITS } from './rules/well-known-benefits.js';
import { benefits, benefitValues } from './schema.js';
import { type BenefitRow, benefitView } from './views.js';

/** The catalog, alphabetical; small enough to answer whole (the matrix editor needs all of it). */
export async function listBenefits(ctx: Ctx, raw: ListBenefitsQuery = {}): Promise<BenefitView[]> {
  requireAccess(ctx.actor, 'benefit.read');
  const q = parseInput(listBenefitsQuery, raw);
  const rows = await read(ctx, (tx) =>
    tx
      .select()
      .from(benefits)
      .where(
        and(
          q.archived ? isNotNull(benefits.archivedAt) : isNull(benefits.archivedAt),
          q.q ? or(contains(benefits.name, q.q), contains(benefits.description, q.q)) : undefined,
        ),
      )
      .orderBy(asc(benefits.name)),
  );
  return rows.map(benefitView);
}

export async function loadBenefit(tx: Tx, id: string): Promise<BenefitRow> {
  const [row] = await tx.select().from(benefits).where(eq(benefits.id, id));
  if (!row) throw notFound('Benefit');
  return row;
}

const taken = (field: 'key' | 'name', value: string) =>
  new AppError('already_exists', `${field}: the catalog has a benefit with the ${field} ${value}`, [
    { field, message: `the catalog has a benefit with this ${field}` },
  ]);

async function assertFree(tx: Tx, fields: { key?: string; name?: string }, except?: string): Promise<void> {
  const rows = await tx.select({ id: benefits.id, key: benefits.key, name: benefits.name }).from(benefits);
  const others = rows.filter((r) => r.id !== except);
  if (fields.key && others.some((r) => r.key === fields.key)) throw taken('key', fields.key);
  if (fields.name && others.some((r) => r.name.toLowerCase() === fields.name!.toLowerCase()))
    throw taken('name', fields.name);
}

/** A well-known key fixes the value type, because the engines read the value as that type. */
function assertKeyType(key: string | null | undefined, valueType: string): void {
  if (!key) return;
  const expected = WELL_KNOWN_BENEFITS[key as keyof typeof WELL_KNOWN_BENEFITS].valueType;
  if (expected !== valueType)
    throw new AppError('validation_failed', `valueType: ${key} is a ${expected} benefit`, [
      { field: 'valueType', message: `${key} is a ${expected} benefit` },
    ]);
}

export async function createBenefit(ctx: Ctx, raw: CreateBenefitInput): Promise<BenefitView> {
  requireAccess(ctx.actor, 'benefit.write');
  const input = parseInput(createBenefitBody, raw);
  assertKeyType(input.key, input.valueType);
  return write(ctx, 'benefit.create', async (tx) => {
    await assertFree(tx, { key: input.key, name: input.name });
    const [row] = await tx
      .insert(benefits)
      .values({
        key: input.key ?? null,
        name: input.name,
        description: input.description,
        category: input.category,
        valueType: input.valueType,
      })
      .returning();
    const created = benefitView(row!);
    await recordChange(tx, ctx, {
      action: 'benefit.created',
      objectType: 'benefit',
      objectId: created.id,
      partnerId: null,
      before: null,
      after: created,
    });
    return created;
  });
}

/** The value type may change only while no program has a value for the benefit (values would not fit). */
export async function updateBenefit(ctx: Ctx, id: string, raw: UpdateBenefitInput): Promise<BenefitView> {
  requireAccess(ctx.actor, 'benefit.write');
  const input = parseInput(updateBenefitBody, raw);
  return write(ctx, 'benefit.update', async (tx) => {
    const current = await loadBenefit(tx, id);
    await assertFree(tx, { name: input.name }, id);
    if (input.valueType && input.valueType !== current.valueType) {
      assertKeyType(current.key, input.valueType);
      const [used] = await tx
        .select({ id: benefitValues.tierId })
        .from(benefitValues)
        .where(eq(benefitValues.benefitId, id))
        .limit(1);
      if (used) throw conflict('Programs award values of this benefit; its value type cannot change');
    }
    const [row] = await tx
      .update(benefits)
      .set({
        name: input.name ?? current.name,
        description: input.description ?? current.description,
        category: input.category ?? current.category,
        valueType: input.valueType ?? current.valueType,
        updatedAt: new Date(),
      })
      .where(eq(benefits.id, id))
      .returning();
    const updated = benefitView(row!);
    await recordChange(tx, ctx, {
      action: 'benefit.updated',
      objectType: 'benefit',
      objectId: id,
      partnerId: null,
      before: benefitView(current),
      after: updated,
    });
    return updated;
  });
}

/** Archived benefits leave the catalog's pickers; programs that use one keep it. */
export async function setBenefitArchived(ctx: Ctx, id: string, archived: boolean): Promise<BenefitView> {
  requireAccess(ctx.actor, 'benefit.write');
  return write(ctx, archived ? 'benefit.archive' : 'benefit.restore', async (tx) => {
    const current = await loadBenefit(tx, id);
    if (Boolean(current.archivedAt) === archived) return benefitView(current);
    const [row] = await tx
      .update(benefits)
      .set({ archivedAt: archived ? new Date() : null, updatedAt: new Date() })
      .where(eq(benefits.id, id))
      .returning();
    const changed = benefitView(row!);
    await recordChange(tx, ctx, {
      action: archived ? 'benefit.archived' : 'benefit.restored',
      objectType: 'benefit',
      objectId: id,
      partnerId: null,
      before: benefitView(current),
      after: changed,
    });
    return changed;
  });
}
