import { and, asc, desc, eq, gte, inArray, lt, lte, or, sql } from 'drizzle-orm';
import { actorPartnerId } from '../../platform/access/actor.js';
import { requireAccess } from '../../platform/access/require-access.js';
import type { Ctx } from '../../platform/context.js';
import { forbidden, notFound } from '../../platform/errors.js';
import {
  after,
  decodeCursor,
  decodeCursorOf,
  encodeCursorOf,
  type Page,
  toPage,
} from '../../platform/http/pagination.js';
import { contains } from '../../platform/db/search.js';
import { read } from '../../platform/unit-of-work.js';
import { parseInput } from '../../platform/validation.js';
import { z } from 'zod';
import {
  type DealDetailView,
  type DealQueuePage,
  dealQueueQuery,
  type DealQueueQuery,
  type DealView,
  listDealsQuery,
  type ListDealsQuery,
} from './contracts.js';
import { dealDetail } from './detail.js';
import { QUEUE_STATUSES } from './rules/lifecycle.js';
import { writeDealCsv } from './csv.js';
import { deals } from './schema.js';
import { dealViews } from './views.js';

const startOf = (day: string) => new Date(`${day}T00:00:00.000Z`);
const nextDay = (day: string) => new Date(startOf(day).getTime() + 86_400_000);

function filters(q: z.output<typeof listDealsQuery>, own: string | null) {
  return and(
    own ? eq(deals.partnerId, own) : undefined,
    q.programId ? eq(deals.programId, q.programId) : undefined,
    q.partnerId ? eq(deals.partnerId, q.partnerId) : undefined,
    q.status?.length ? inArray(deals.status, q.status) : undefined,
    q.ownerUserId ? eq(deals.ownerUserId, q.ownerUserId) : undefined,
    q.camUserId ? eq(deals.camUserId, q.camUserId) : undefined,
    q.attribution ? eq(deals.attribution, q.attribution) : undefined,
    q.submittedFrom ? gte(deals.submittedAt, startOf(q.submittedFrom)) : undefined,
    q.submittedTo ? lt(deals.submittedAt, nextDay(q.submittedTo)) : undefined,
    q.closeFrom ? gte(deals.expectedCloseDate, q.closeFrom) : undefined,
    q.closeTo ? lte(deals.expectedCloseDate, q.closeTo) : undefined,
    q.protectedUntilTo ? lt(deals.protectedUntil, nextDay(q.protectedUntilTo)) : undefined,
    q.amountMin !== undefined ? gte(deals.amount, q.amountMin) : undefined,
    q.amountMax !== undefined ? lte(deals.amount, q.amountMax) : undefined,
    q.q ? or(contains(deals.customerName, q.q), contains(deals.customerDomain, q.q)) : undefined,
    q.overdue === true ? and(inArray(deals.status, [...QUEUE_STATUSES]), lt(deals.slaDueAt, new Date())) : undefined,
  );
}

/** Registrations, newest first: a partner sees its own, the vendor all of them, filtered. */
export async function listDeals(ctx: Ctx, raw: ListDealsQuery): Promise<Page<DealView>> {
  requireAccess(ctx.actor, 'deal.read');
  const q = parseInput(listDealsQuery, raw);
  const cursor = decodeCursor(q.cursor);
  return read(ctx, async (tx) => {
    const rows = await tx
      .select()
      .from(deals)
      .where(and(filters(q, actorPartnerId(ctx.actor)), after(cursor, deals.createdAt, deals.id)))
      .orderBy(desc(deals.createdAt), desc(deals.id))
      .limit(q.limit + 1);
    const page = toPage(
      rows,
      q.limit,
      (r) => ({ at: r.createdAt, id: r.id }),
      (r) => r,
    );
    return { items: await dealViews(tx, ctx.actor, page.items), nextCursor: page.nextCursor };
  });
}

const queueCursor = z.object({ at: z.iso.datetime(), id: z.uuid() });

/**
 * The channel manager's queue: submitted and conflicting registrations of the partners they look after (or
 * everyone's), oldest submission first, so the SLA that runs out first is on top. Each page also says how many
 * the whole queue holds under the same filters, and how many of them are overdue.
 */
export async function dealQueue(ctx: Ctx, raw: DealQueueQuery): Promise<DealQueuePage> {
  requireAccess(ctx.actor, 'deal.review');
  if (actorPartnerId(ctx.actor)) throw forbidden('Only the vendor reviews registrations');
  const q = parseInput(dealQueueQuery, raw);
  const cursor = decodeCursorOf(queueCursor, q.cursor);
  const me = ctx.actor.type === 'user' ? ctx.actor.id : null;
  const queue = and(
    inArray(deals.status, [...QUEUE_STATUSES]),
    q.all || !me ? undefined : eq(deals.camUserId, me),
    q.programId ? eq(deals.programId, q.programId) : undefined,
  );
  // one clock for the count and the views, so the overdue count matches the rows marked overdue
  const now = new Date();
  return read(ctx, async (tx) => {
    const rows = await tx
      .select()
      .from(deals)
      .where(
        and(
          queue,
          cursor
            ? sql`(${deals.submittedAt}, ${deals.id}) > (${cursor.at}::timestamptz, ${cursor.id}::uuid)`
            : undefined,
        ),
      )
      .orderBy(asc(deals.submittedAt), asc(deals.id))
      .limit(q.limit + 1);
    const [counts] = await tx
      .select({
        total: sql<number>`count(*)::int`,
        overdue: sql<number>`(count(*) filter (where ${lt(deals.slaDueAt, now)}))::int`,
      })
      .from(deals)
      .where(queue);
    const items = rows.slice(0, q.limit);
    const last = items.at(-1);
    return {
      items: await dealViews(tx, ctx.actor, items, now),
      nextCursor:
        rows.length > q.limit && last ? encodeCursorOf({ at: last.submittedAt!.toISOString(), id: last.id }) : null,
      total: counts?.total ?? 0,
      overdue: counts?.overdue ?? 0,
    };
  });
}

export async function getDeal(ctx: Ctx, id: string): Promise<DealDetailView> {
  requireAccess(ctx.actor, 'deal.read');
  return read(ctx, async (tx) => {
    const [row] = await tx.select().from(deals).where(eq(deals.id, id));
    if (!row) throw notFound('Registration');
    return dealDetail(tx, ctx.actor, row);
  });
}

const EXPORT_LIMIT = 100_000;

/** Every registration the filters select (as the list shows them), as CSV. */
export async function exportDeals(ctx: Ctx, query: ListDealsQuery): Promise<string> {
  const all: DealView[] = [];
  let cursor: string | undefined;
  do {
    const page = await listDeals(ctx, { ...query, cursor, limit: 100 });
    all.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && all.length < EXPORT_LIMIT);
  return writeDealCsv(all);
}
