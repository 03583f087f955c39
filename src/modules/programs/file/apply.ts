import { and, eq, inArray } from 'drizzle-orm';
import { recordChange } from '../../../platform/audit/record.js';
import type { Ctx } from '../../../platform/context.js';
import type { Tx } from '../../../platform/db/database.js';
import { ensureProductsByTitle } from '../../products/service.js';
import { toStored, type ValueType } from '../rules/benefit-values.js';
import { programLifecycle } from '../rules/program-lifecycle.js';
import {
  benefits,
  benefitValues,
  ecosystemNodes,
  programBenefits,
  programProducts,
  programs,
  programStatusChanges,
  programTiers,
  tierBadges,
} from '../schema.js';
import { toStoredProperties } from '../rules/ecosystem.js';
import { pairBenefits } from './catalog.js';
import { type Change, nodeId, valuePath } from './diff.js';
import { programFileSections } from './sections.js';
import { benefitRef, loadCatalog, type ProgramState } from './state.js';

/** A change by kind (a ChangeKind or a section's field) and path. */
type Lookup = (kind: string, path: string) => Change | undefined;

/**
 * Makes the database match `desired` in the caller's transaction, doing exactly the `changes` diffStates found
 * between `current` and `desired`, with one audit entry for the whole apply. No changes, no writes at all.
 * Returns the program's id (null only when there is no program and nothing to do).
 */
export async function applyState(
  tx: Tx,
  ctx: Ctx,
  current: ProgramState | null,
  desired: ProgramState,
  changes: Change[],
): Promise<string | null> {
  if (changes.length === 0) return current?.id ?? null;
  const index = new Map(changes.map((c) => [`${c.kind}\u0000${c.path}`, c]));
  const change: Lookup = (kind, path) => index.get(`${kind}\u0000${path}`);
  const now = new Date();

  const programId = await writeProgram(tx, ctx, current, desired, now);
  await writeProducts(tx, ctx, programId, current, desired, change);
  const benefitIds = await writeBenefits(tx, programId, current, desired, change, now);
  const tierIds = await writeTiers(tx, programId, current, desired, change, now);
  for (const t of desired.tiers) {
    const tierId = tierIds.get(t.key)!;
    const badge = change('badge', t.key);
    if (badge?.op === 'delete') await tx.delete(tierBadges).where(eq(tierBadges.tierId, tierId));
    else if (badge && t.badge) {
      const stored = { contentType: t.badge.contentType, data: Buffer.from(t.badge.bytes), sha256: t.badge.sha256 };
      await tx
        .insert(tierBadges)
        .values({ tierId, programId, ...stored, updatedAt: now })
        .onConflictDoUpdate({ target: tierBadges.tierId, set: { ...stored, updatedAt: now } });
    }
    for (const [ref, { id: benefitId, valueType }] of benefitIds) {
      const value = change('value', valuePath(t.key, ref));
      const where = and(eq(benefitValues.tierId, tierId), eq(benefitValues.benefitId, benefitId));
      if (value?.op === 'delete') await tx.delete(benefitValues).where(where);
      else if (value) {
        const stored = toStored(valueType, t.values[ref]!);
        await tx
          .insert(benefitValues)
          .values({ programId, tierId, benefitId, value: stored, updatedAt: now })
          .onConflictDoUpdate({
            target: [benefitValues.tierId, benefitValues.benefitId],
            set: { value: stored, updatedAt: now },
          });
      }
    }
  }
  await writeNodes(tx, programId, current, desired, change, now);
  // after the program exists: a section's rows hang off it
  for (const section of programFileSections())
    if (change(section.name, section.name)) await section.write(tx, ctx, programId, desired.sections[section.name]!);

  await recordChange(tx, ctx, {
    action: current ? 'program.applied' : 'program.created',
    objectType: 'program',
    objectId: programId,
    partnerId: null,
    before: null,
    after: { key: desired.key, changes },
  });
  return programId;
}

async function writeProgram(tx: Tx, ctx: Ctx, current: ProgramState | null, desired: ProgramState, now: Date) {
  const fields = {
    name: desired.name,
    programType: desired.type,
    currency: desired.currency,
    description: desired.description,
    tags: desired.tags,
    revenueSeasoningDays: desired.revenueSeasoningDays,
    demotionGraceDays: desired.demotionGraceDays,
    policies: desired.policies,
    // any change inside the program counts as a change of the program
    updatedAt: now,
  };
  if (current) {
    await tx.update(programs).set(fields).where(eq(programs.id, current.id!));
    return current.id!;
  }
  const status = programLifecycle.initial;
  const [row] = await tx
    .insert(programs)
    .values({ key: desired.key, status, ...fields })
    .returning({ id: programs.id });
  await tx.insert(programStatusChanges).values({
    programId: row!.id,
    fromStatus: null,
    toStatus: status,
    reason: 'created from file',
    actorId: ctx.actor.id,
    actorLabel: ctx.actor.label,
  });
  return row!.id;
}

async function writeProducts(
  tx: Tx,
  ctx: Ctx,
  programId: string,
  current: ProgramState | null,
  desired: ProgramState,
  change: Lookup,
) {
  const added = desired.products.filter((p) => change('product_link', p.title)?.op === 'create');
  if (added.length > 0) {
    const ids = await ensureProductsByTitle(
      tx,
      ctx,
      added.map((p) => p.title),
    );
    const rows = added.map((p) => ({ programId, productId: ids.get(p.title.toLowerCase())! }));
    await tx.insert(programProducts).values(rows).onConflictDoNothing();
  }
  const removed = (current?.products ?? []).filter((p) => change('product_link', p.title)?.op === 'delete');
  if (removed.length > 0) {
    const ids = removed.map((p) => p.id!);
    await tx
      .delete(programProducts)
      .where(and(eq(programProducts.programId, programId), inArray(programProducts.productId, ids)));
  }
}

/** Catalog entries and the program's links to them; the ids by the file's benefit refs. */
async function writeBenefits(
  tx: Tx,
  programId: string,
  current: ProgramState | null,
  desired: ProgramState,
  change: Lookup,
  now: Date,
): Promise<Map<string, { id: string; valueType: ValueType }>> {
  const pairs = pairBenefits(current, desired, { benefits: await loadCatalog(tx, desired.benefits) });
  const ids = new Map<string, { id: string; valueType: ValueType }>();
  for (const { desired: b, entry, catalogChanges } of pairs) {
    let id = entry?.id;
    if (!id) {
      const values = {
        key: b.key,
        name: b.name,
        description: b.description,
        category: b.category,
        valueType: b.valueType,
      };
      const [row] = await tx.insert(benefits).values(values).returning({ id: benefits.id });
      id = row!.id;
    } else if (catalogChanges.length > 0) {
      const set = Object.fromEntries(catalogChanges.map((f) => [f.field, f.to]));
      await tx
        .update(benefits)
        .set({ ...set, updatedAt: now })
        .where(eq(benefits.id, id));
    }
    ids.set(benefitRef(b), { id, valueType: b.valueType });
  }
  // unlinking first: a benefit's values go with its link
  const kept = new Set([...ids.values()].map((v) => v.id));
  const unlinked = (current?.benefits ?? []).filter((b) => !kept.has(b.id!)).map((b) => b.id!);
  if (unlinked.length > 0)
    await tx
      .delete(programBenefits)
      .where(and(eq(programBenefits.programId, programId), inArray(programBenefits.benefitId, unlinked)));
  for (const [i, b] of desired.benefits.entries()) {
    const link = change('benefit', benefitRef(b));
    const benefitId = ids.get(benefitRef(b))!.id;
    if (link?.op === 'create') await tx.insert(programBenefits).values({ programId, benefitId, position: i + 1 });
    else if (link?.op === 'update')
      await tx
        .update(programBenefits)
        .set({ position: i + 1 })
        .where(and(eq(programBenefits.programId, programId), eq(programBenefits.benefitId, benefitId)));
  }
  return ids;
}

/** The ladder; returns every desired tier's id by key. */
async function writeTiers(
  tx: Tx,
  programId: string,
  current: ProgramState | null,
  desired: ProgramState,
  change: Lookup,
  now: Date,
): Promise<Map<string, string>> {
  const ids = new Map((current?.tiers ?? []).map((t) => [t.key, t.id!]));
  const deleted = (current?.tiers ?? []).filter((t) => change('tier', t.key)?.op === 'delete').map((t) => t.id!);
  if (deleted.length > 0) await tx.delete(programTiers).where(inArray(programTiers.id, deleted));
  // park the tiers that change rank or name first, so no two rows ever meet on the unique rank or name
  const moving = desired.tiers.filter((t) =>
    change('tier', t.key)?.fields?.some((f) => f.field === 'rank' || f.field === 'name'),
  );
  for (const [i, t] of moving.entries()) {
    const id = ids.get(t.key)!;
    await tx
      .update(programTiers)
      .set({ rank: -(i + 1), name: `~parked~${id}` })
      .where(eq(programTiers.id, id));
  }
  for (const t of desired.tiers) {
    const op = change('tier', t.key)?.op;
    const fields = {
      name: t.name,
      rank: t.rank,
      description: t.description,
      invitationOnly: t.invitationOnly,
      criteria: t.criteria,
    };
    if (op === 'create') {
      const [row] = await tx
        .insert(programTiers)
        .values({ programId, key: t.key, ...fields })
        .returning({ id: programTiers.id });
      ids.set(t.key, row!.id);
    } else if (op === 'update')
      await tx
        .update(programTiers)
        .set({ ...fields, updatedAt: now })
        .where(eq(programTiers.id, ids.get(t.key)!));
  }
  return ids;
}

async function writeNodes(
  tx: Tx,
  programId: string,
  current: ProgramState | null,
  desired: ProgramState,
  change: Lookup,
  now: Date,
) {
  const removed = (current?.nodes ?? []).filter((n) => change(n.type, n.title)?.op === 'delete').map((n) => n.id!);
  if (removed.length > 0) await tx.delete(ecosystemNodes).where(inArray(ecosystemNodes.id, removed));
  const byTitle = new Map((current?.nodes ?? []).map((n) => [nodeId(n), n]));
  for (const n of desired.nodes) {
    const op = change(n.type, n.title)?.op;
    const fields = { title: n.title, description: n.description, status: n.status, tags: n.tags };
    if (op === 'create')
      await tx
        .insert(ecosystemNodes)
        .values({ programId, nodeType: n.type, ...fields, properties: toStoredProperties(n.type, n.properties) });
    else if (op === 'update') {
      const id = byTitle.get(nodeId(n))!.id!;
      const [row] = await tx
        .select({ properties: ecosystemNodes.properties })
        .from(ecosystemNodes)
        .where(eq(ecosystemNodes.id, id));
      // fields the file format does not know (set elsewhere) stay as they are
      const others = Object.fromEntries(Object.entries(row!.properties).filter(([field]) => !(field in n.properties)));
      const properties = { ...others, ...toStoredProperties(n.type, n.properties) };
      await tx
        .update(ecosystemNodes)
        .set({ ...fields, properties, updatedAt: now })
        .where(eq(ecosystemNodes.id, id));
    }
  }
}
