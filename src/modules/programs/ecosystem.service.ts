import { and, asc, eq, inArray } from 'drizzle-orm';
import { requireAccess } from '../../platform/access/require-access.js';
import { recordChange } from '../../platform/audit/record.js';
import type { Ctx } from '../../platform/context.js';
import type { Tx } from '../../platform/db/database.js';
import { attempt } from '../../platform/db/savepoint.js';
import { AppError, isUniqueViolation, notFound } from '../../platform/errors.js';
import { read, write } from '../../platform/unit-of-work.js';
import { parseInput } from '../../platform/validation.js';
import {
  apiEcosystemFields,
  createEcosystemNodeBody,
  type CreateEcosystemNodeInput,
  developerPortalFields,
  type EcosystemNodeView,
  integrationPartnerFields,
  revenueShareFields,
  updateEcosystemNodeBody,
  type UpdateEcosystemNodeInput,
} from './ecosystem.contracts.js';
import {
  type EcosystemType,
  lifecycleOfEcosystem,
  propertiesFromStored,
  propertiesToStored,
} from './rules/ecosystem.js';
import { assertEditable, loadProgram } from './programs.service.js';
import { ecosystemNodes } from './schema.js';

type Row = typeof ecosystemNodes.$inferSelect;

const FIELDS = {
  integration_partner: integrationPartnerFields,
  partner_revenue_share: revenueShareFields,
  api_ecosystem: apiEcosystemFields,
  developer_portal: developerPortalFields,
} as const;

const view = (r: Row): EcosystemNodeView => {
  const type = r.nodeType as EcosystemType;
  return {
    id: r.id,
    programId: r.programId,
    type,
    title: r.title,
    description: r.description,
    status: r.status,
    nextStatuses: r.status ? (lifecycleOfEcosystem(type)?.allowedMoves(r.status) ?? []) : [],
    tags: r.tags,
    properties: propertiesFromStored(type, r.properties),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
};

/** For this module (the graph reads the stored properties): the ecosystem rows of these programs, by type then title. */
export async function ecosystemRows(tx: Tx, programIds: string[]): Promise<Row[]> {
  if (programIds.length === 0) return [];
  return tx
    .select()
    .from(ecosystemNodes)
    .where(inArray(ecosystemNodes.programId, programIds))
    .orderBy(asc(ecosystemNodes.nodeType), asc(ecosystemNodes.title));
}

export async function listEcosystem(ctx: Ctx, programId: string): Promise<EcosystemNodeView[]> {
  requireAccess(ctx.actor, 'program.read');
  return read(ctx, async (tx) => {
    await loadProgram(tx, programId);
    return (await ecosystemRows(tx, [programId])).map(view);
  });
}

const titleTaken = () =>
  new AppError('already_exists', 'title: the program has a node of this type with this title', [
    { field: 'title', message: 'the program has a node of this type with this title' },
  ]);

/** Titles are unique per program and type; the index decides, the caller hears which field. */
async function insertOrExplain<T>(fn: () => Promise<T>, tx: Tx): Promise<T> {
  try {
    return await attempt(tx, fn);
  } catch (error) {
    throw isUniqueViolation(error) ? titleTaken() : error;
  }
}

export async function createEcosystemNode(
  ctx: Ctx,
  programId: string,
  raw: CreateEcosystemNodeInput,
): Promise<EcosystemNodeView> {
  requireAccess(ctx.actor, 'program.write');
  const input = parseInput(createEcosystemNodeBody, raw);
  return write(ctx, 'ecosystem.create', async (tx) => {
    const program = await loadProgram(tx, programId, true);
    assertEditable(program);
    const lifecycle = lifecycleOfEcosystem(input.type);
    const status = lifecycle ? (('status' in input ? input.status : undefined) ?? lifecycle.initial) : null;
    const [row] = await insertOrExplain(
      () =>
        tx
          .insert(ecosystemNodes)
          .values({
            programId,
            nodeType: input.type,
            title: input.title,
            description: input.description,
            tags: input.tags,
            status,
            properties: propertiesToStored(input.type, input.properties),
          })
          .returning(),
      tx,
    );
    const created = view(row!);
    await recordChange(tx, ctx, {
      action: 'ecosystem_node.created',
      objectType: input.type,
      objectId: created.id,
      partnerId: null,
      before: null,
      after: created,
    });
    return created;
  });
}

async function loadNode(tx: Tx, id: string): Promise<Row> {
  const [row] = await tx.select().from(ecosystemNodes).where(eq(ecosystemNodes.id, id)).for('update');
  if (!row) throw notFound('The node');
  return row;
}

export async function updateEcosystemNode(
  ctx: Ctx,
  id: string,
  raw: UpdateEcosystemNodeInput,
): Promise<EcosystemNodeView> {
  requireAccess(ctx.actor, 'program.write');
  const input = parseInput(updateEcosystemNodeBody, raw);
  return write(ctx, 'ecosystem.update', async (tx) => {
    const current = await loadNode(tx, id);
    assertEditable(await loadProgram(tx, current.programId, true));
    const type = current.nodeType as EcosystemType;
    const lifecycle = lifecycleOfEcosystem(type);
    if (input.status !== undefined) {
      if (!lifecycle)
        throw new AppError('validation_failed', 'status: a revenue share plan has no status', [
          { field: 'status', message: 'a revenue share plan has no status' },
        ]);
      if (!lifecycle.statuses.includes(input.status))
        throw new AppError('validation_failed', `status: one of ${lifecycle.statuses.join(', ')}`, [
          { field: 'status', message: `one of ${lifecycle.statuses.join(', ')}` },
        ]);
      lifecycle.assertMove(current.status!, input.status);
    }
    const properties = input.properties
      ? propertiesToStored(
          type,
          parseInput(FIELDS[type].partial(), {
            ...propertiesFromStored(type, current.properties),
            ...input.properties,
          }),
        )
      : current.properties;
    const [row] = await insertOrExplain(
      () =>
        tx
          .update(ecosystemNodes)
          .set({
            title: input.title ?? current.title,
            description: input.description ?? current.description,
            tags: input.tags ?? current.tags,
            status: input.status ?? current.status,
            properties,
            updatedAt: new Date(),
          })
          .where(eq(ecosystemNodes.id, id))
          .returning(),
      tx,
    );
    const updated = view(row!);
    await recordChange(tx, ctx, {
      action: 'ecosystem_node.updated',
      objectType: type,
      objectId: id,
      partnerId: null,
      before: view(current),
      after: updated,
    });
    return updated;
  });
}

export async function deleteEcosystemNode(ctx: Ctx, id: string): Promise<void> {
  requireAccess(ctx.actor, 'program.write');
  await write(ctx, 'ecosystem.delete', async (tx) => {
    const current = await loadNode(tx, id);
    assertEditable(await loadProgram(tx, current.programId, true));
    await tx.delete(ecosystemNodes).where(and(eq(ecosystemNodes.id, id)));
    await recordChange(tx, ctx, {
      action: 'ecosystem_node.deleted',
      objectType: current.nodeType,
      objectId: id,
      partnerId: null,
      before: view(current),
      after: null,
    });
  });
}
