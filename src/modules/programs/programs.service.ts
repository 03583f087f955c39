import { and, arrayContains, asc, desc, eq, inArray, isNotNull, isNull, or } from 'drizzle-orm';
import { requireAccess } from '../../platform/access/require-access.js';
import { recordChange } from '../../platform/audit/record.js';
import type { Ctx } from '../../platform/context.js';
import type { Tx } from '../../platform/db/database.js';
import { contains } from '../../platform/db/search.js';
import { AppError, conflict, invalid, isUniqueViolation, notFound } from '../../platform/errors.js';
import { after, decodeCursor, type Page, toPage } from '../../platform/http/pagination.js';
import { read, write } from '../../platform/unit-of-work.js';
import { parseInput } from '../../platform/validation.js';
import { productRefs } from '../products/service.js';
import {
  createProgramBody,
  type CreateProgramInput,
  listProgramsQuery,
  type ListProgramsQuery,
  type ProgramView,
  type StatusChangeView,
  transitionBody,
  type TransitionInput,
  updateProgramBody,
  type UpdateProgramInput,
} from './contracts.js';
import { programLifecycle } from './rules/program-lifecycle.js';
import { programProducts, programs, programStatusChanges } from './schema.js';
import { type ProgramRow, programView, slugify, statusChangeView } from './views.js';

/** For the other services of this module: the program row, locked when the caller is about to change it. */
export async function loadProgram(tx: Tx, id: string, lock = false): Promise<ProgramRow> {
  const query = tx.select().from(programs).where(eq(programs.id, id));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw notFound('Program');
  return row;
}

export function assertEditable(program: ProgramRow): void {
  if (program.archivedAt) throw conflict('The program is archived; restore it before editing');
}

export async function productIdsOf(tx: Tx, programIds: string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>(programIds.map((id) => [id, []]));
  if (programIds.length === 0) return map;
  const rows = await tx
    .select()
    .from(programProducts)
    .where(inArray(programProducts.programId, programIds))
    .orderBy(asc(programProducts.productId));
  for (const r of rows) map.get(r.programId)?.push(r.productId);
  return map;
}

async function viewOf(tx: Tx, row: ProgramRow): Promise<ProgramView> {
  return programView(row, (await productIdsOf(tx, [row.id])).get(row.id) ?? []);
}

export async function listPrograms(ctx: Ctx, raw: ListProgramsQuery): Promise<Page<ProgramView>> {
  requireAccess(ctx.actor, 'program.read');
  const q = parseInput(listProgramsQuery, raw);
  const cursor = decodeCursor(q.cursor);
  return read(ctx, async (tx) => {
    const rows = await tx
      .select()
      .from(programs)
      .where(
        and(
          q.archived ? isNotNull(programs.archivedAt) : isNull(programs.archivedAt),
          q.status ? eq(programs.status, q.status) : undefined,
          q.programType ? eq(programs.programType, q.programType) : undefined,
          q.tag ? arrayContains(programs.tags, [q.tag]) : undefined,
          q.q
            ? or(contains(programs.name, q.q), contains(programs.description, q.q), contains(programs.key, q.q))
            : undefined,
          after(cursor, programs.updatedAt, programs.id),
        ),
      )
      .orderBy(desc(programs.updatedAt), desc(programs.id))
      .limit(q.limit + 1);
    const products = await productIdsOf(
      tx,
      rows.map((r) => r.id),
    );
    return toPage(
      rows,
      q.limit,
      (r) => ({ at: r.updatedAt, id: r.id }),
      (r) => programView(r, products.get(r.id) ?? []),
    );
  });
}

export async function getProgram(ctx: Ctx, id: string): Promise<ProgramView> {
  requireAccess(ctx.actor, 'program.read');
  return read(ctx, async (tx) => viewOf(tx, await loadProgram(tx, id)));
}

async function assertProducts(tx: Tx, ids: string[]): Promise<void> {
  const found = await productRefs(tx, ids);
  const missing = ids.findIndex((id) => !found.has(id));
  if (missing >= 0) throw invalid(`productIds.${missing}`, 'no such product');
}

async function setProducts(tx: Tx, programId: string, ids: string[]): Promise<void> {
  await tx.delete(programProducts).where(eq(programProducts.programId, programId));
  if (ids.length) await tx.insert(programProducts).values(ids.map((productId) => ({ programId, productId })));
}

const keyTaken = (key: string) =>
  new AppError('already_exists', `key: another program has the key ${key}`, [
    { field: 'key', message: 'another program has this key' },
  ]);

/** A key derived from the name, numbered when taken, so a program can be created with a name alone. */
async function freeKey(tx: Tx, name: string): Promise<string> {
  const base = slugify(name);
  const taken = new Set(
    (await tx.select({ key: programs.key }).from(programs).where(contains(programs.key, base))).map((r) => r.key),
  );
  for (let n = 1; ; n++) {
    const key = n === 1 ? base : `${base}-${n}`;
    if (!taken.has(key)) return key;
  }
}

export async function recordStatusChange(
  tx: Tx,
  ctx: Ctx,
  programId: string,
  from: string | null,
  to: string,
  reason: string,
) {
  await tx.insert(programStatusChanges).values({
    programId,
    fromStatus: from,
    toStatus: to,
    reason,
    actorId: ctx.actor.type === 'user' ? ctx.actor.id : null,
    actorLabel: ctx.actor.label,
  });
}

export async function createProgram(ctx: Ctx, raw: CreateProgramInput): Promise<ProgramView> {
  requireAccess(ctx.actor, 'program.write');
  const input = parseInput(createProgramBody, raw);
  return write(ctx, 'program.create', async (tx) => {
    await assertProducts(tx, input.productIds);
    const key = input.key ?? (await freeKey(tx, input.name));
    const [existing] = await tx.select({ id: programs.id }).from(programs).where(eq(programs.key, key));
    if (existing) throw keyTaken(key);
    const [row] = await tx
      .insert(programs)
      .values({
        key,
        name: input.name,
        description: input.description,
        programType: input.programType,
        currency: input.currency,
        status: programLifecycle.initial,
        tags: input.tags,
        revenueSeasoningDays: input.revenueSeasoningDays,
        demotionGraceDays: input.demotionGraceDays,
      })
      .returning();
    await setProducts(tx, row!.id, input.productIds);
    await recordStatusChange(tx, ctx, row!.id, null, row!.status, 'created');
    const created = await viewOf(tx, row!);
    await recordChange(tx, ctx, {
      action: 'program.created',
      objectType: 'program',
      objectId: created.id,
      partnerId: null,
      before: null,
      after: created,
    });
    return created;
  });
}

export async function updateProgram(ctx: Ctx, id: string, raw: UpdateProgramInput): Promise<ProgramView> {
  requireAccess(ctx.actor, 'program.write');
  const input = parseInput(updateProgramBody, raw);
  return write(ctx, 'program.update', async (tx) => {
    const current = await loadProgram(tx, id, true);
    assertEditable(current);
    const before = await viewOf(tx, current);
    if (input.productIds) await assertProducts(tx, input.productIds);
    if (input.key && input.key !== current.key) {
      const [existing] = await tx.select({ id: programs.id }).from(programs).where(eq(programs.key, input.key));
      if (existing) throw keyTaken(input.key);
    }
    let row: ProgramRow | undefined;
    try {
      [row] = await tx
        .update(programs)
        .set({
          key: input.key ?? current.key,
          name: input.name ?? current.name,
          programType: input.programType ?? current.programType,
          currency: input.currency ?? current.currency,
          description: input.description ?? current.description,
          tags: input.tags ?? current.tags,
          revenueSeasoningDays: input.revenueSeasoningDays ?? current.revenueSeasoningDays,
          demotionGraceDays: input.demotionGraceDays ?? current.demotionGraceDays,
          updatedAt: new Date(),
        })
        .where(eq(programs.id, id))
        .returning();
    } catch (error) {
      if (isUniqueViolation(error)) throw keyTaken(input.key ?? current.key);
      throw error;
    }
    if (input.productIds) await setProducts(tx, id, input.productIds);
    const updated = await viewOf(tx, row!);
    await recordChange(tx, ctx, {
      action: 'program.updated',
      objectType: 'program',
      objectId: id,
      partnerId: null,
      before,
      after: updated,
    });
    return updated;
  });
}

/** Status moves follow the OPERATIONAL lifecycle exactly; every move is kept with its reason. */
export async function transitionProgram(ctx: Ctx, id: string, raw: TransitionInput): Promise<ProgramView> {
  requireAccess(ctx.actor, 'program.write');
  const input = parseInput(transitionBody, raw);
  return write(ctx, 'program.transition', async (tx) => {
    const current = await loadProgram(tx, id, true);
    assertEditable(current);
    if (current.status === input.status) throw invalid('status', `the program is ${current.status} already`);
    programLifecycle.assertMove(current.status, input.status);
    const before = await viewOf(tx, current);
    const [row] = await tx
      .update(programs)
      .set({ status: input.status, updatedAt: new Date() })
      .where(eq(programs.id, id))
      .returning();
    await recordStatusChange(tx, ctx, id, current.status, input.status, input.reason);
    const updated = await viewOf(tx, row!);
    await recordChange(tx, ctx, {
      action: 'program.status_changed',
      objectType: 'program',
      objectId: id,
      partnerId: null,
      before,
      after: updated,
    });
    return updated;
  });
}

export async function programHistory(ctx: Ctx, id: string): Promise<StatusChangeView[]> {
  requireAccess(ctx.actor, 'program.read');
  return read(ctx, async (tx) => {
    await loadProgram(tx, id);
    const rows = await tx
      .select()
      .from(programStatusChanges)
      .where(eq(programStatusChanges.programId, id))
      .orderBy(asc(programStatusChanges.at), asc(programStatusChanges.id));
    return rows.map(statusChangeView);
  });
}

/** Archiving hides a program from lists and from partners; it keeps everything and can be restored. */
export async function setProgramArchived(ctx: Ctx, id: string, archived: boolean): Promise<ProgramView> {
  requireAccess(ctx.actor, 'program.write');
  return write(ctx, archived ? 'program.archive' : 'program.restore', async (tx) => {
    const current = await loadProgram(tx, id, true);
    if (Boolean(current.archivedAt) === archived) return viewOf(tx, current);
    const before = await viewOf(tx, current);
    const [row] = await tx
      .update(programs)
      .set({ archivedAt: archived ? new Date() : null, updatedAt: new Date() })
      .where(eq(programs.id, id))
      .returning();
    const changed = await viewOf(tx, row!);
    await recordChange(tx, ctx, {
      action: archived ? 'program.archived' : 'program.restored',
      objectType: 'program',
      objectId: id,
      partnerId: null,
      before,
      after: changed,
    });
    return changed;
  });
}
