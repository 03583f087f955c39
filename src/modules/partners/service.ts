import { and, desc, eq, inArray } from 'drizzle-orm';
import { actorPartnerId } from '../../platform/access/actor.js';
import { requireAccess } from '../../platform/access/require-access.js';
import { recordChange } from '../../platform/audit/record.js';
import type { Ctx } from '../../platform/context.js';
import { contains } from '../../platform/db/search.js';
import type { Tx } from '../../platform/db/database.js';
import { notFound } from '../../platform/errors.js';
import { after, decodeCursor, type Page, toPage } from '../../platform/http/pagination.js';
import { read, write } from '../../platform/unit-of-work.js';
import type { CreatePartnerInput, ListPartnersQuery, PartnerView } from './contracts.js';
import { partners } from './schema.js';

type Row = typeof partners.$inferSelect;

const view = (r: Row): PartnerView => ({
  id: r.id,
  name: r.name,
  status: r.status,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

export async function listPartners(ctx: Ctx, q: ListPartnersQuery): Promise<Page<PartnerView>> {
  requireAccess(ctx.actor, 'partner.read');
  const cursor = decodeCursor(q.cursor);
  const own = actorPartnerId(ctx.actor);
  const rows = await read(ctx, (tx) =>
    tx
      .select()
      .from(partners)
      .where(
        and(
          own ? eq(partners.id, own) : undefined,
          q.q ? contains(partners.name, q.q) : undefined,
          after(cursor, partners.createdAt, partners.id),
        ),
      )
      .orderBy(desc(partners.createdAt), desc(partners.id))
      .limit(q.limit + 1),
  );
  return toPage(rows, q.limit, (r) => ({ at: r.createdAt, id: r.id }), view);
}

export async function getPartner(ctx: Ctx, id: string): Promise<PartnerView> {
  requireAccess(ctx.actor, 'partner.read', { partnerId: id, what: 'Partner' });
  const [row] = await read(ctx, (tx) => tx.select().from(partners).where(eq(partners.id, id)));
  if (!row) throw notFound('Partner');
  return view(row);
}

export async function createPartner(ctx: Ctx, input: CreatePartnerInput): Promise<PartnerView> {
  requireAccess(ctx.actor, 'partner.write');
  return write(ctx, 'partner.create', async (tx) => {
    const [row] = await tx.insert(partners).values({ name: input.name }).returning();
    if (!row) throw new Error('insert returned nothing');
    const after = view(row);
    await recordChange(tx, ctx, {
      action: 'partner.created',
      objectType: 'partner',
      objectId: row.id,
      partnerId: row.id,
      before: null,
      after,
    });
    return after;
  });
}

/** For other modules: names of partners by id, read in the caller's transaction (and scope). */
export async function partnerRefs(tx: Tx, ids: (string | null)[]): Promise<Map<string, { id: string; name: string }>> {
  const wanted = [...new Set(ids.filter((x): x is string => x !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await tx
    .select({ id: partners.id, name: partners.name })
    .from(partners)
    .where(inArray(partners.id, wanted));
  return new Map(rows.map((r) => [r.id, r]));
}

/** For other modules: whether a partner exists (as the caller's scope sees it). */
export async function partnerExists(tx: Tx, id: string): Promise<boolean> {
  const rows = await tx.select({ id: partners.id }).from(partners).where(eq(partners.id, id));
  return rows.length > 0;
}
