import { and, arrayContains, asc, desc, eq, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm';
import { requireAccess } from '../../platform/access/require-access.js';
import { recordChange } from '../../platform/audit/record.js';
import type { Ctx } from '../../platform/context.js';
import { contains } from '../../platform/db/search.js';
import type { Tx } from '../../platform/db/database.js';
import { AppError, notFound } from '../../platform/errors.js';
import { after, decodeCursor, type Page, toPage } from '../../platform/http/pagination.js';
import { read, write } from '../../platform/unit-of-work.js';
import { parseInput } from '../../platform/validation.js';
import {
  createProductBody,
  type CreateProductInput,
  listProductsQuery,
  type ListProductsQuery,
  type ProductView,
  updateProductBody,
  type UpdateProductInput,
} from './contracts.js';
import { assertMove, DEFAULT_PRODUCT_STATUS } from './rules/lifecycle.js';
import { products } from './schema.js';

type Row = typeof products.$inferSelect;

const view = (r: Row): ProductView => ({
  id: r.id,
  type: 'product',
  title: r.title,
  description: r.description,
  status: r.status,
  tags: r.tags,
  archivedAt: r.archivedAt?.toISOString() ?? null,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

export async function listProducts(ctx: Ctx, raw: ListProductsQuery): Promise<Page<ProductView>> {
  requireAccess(ctx.actor, 'product.read');
  const q = parseInput(listProductsQuery, raw);
  const cursor = decodeCursor(q.cursor);
  const rows = await read(ctx, (tx) =>
    tx
      .select()
      .from(products)
      .where(
        and(
          q.archived ? isNotNull(products.archivedAt) : isNull(products.archivedAt),
          q.status ? eq(products.status, q.status) : undefined,
          q.tag ? arrayContains(products.tags, [q.tag]) : undefined,
          q.q ? or(contains(products.title, q.q), contains(products.description, q.q)) : undefined,
          after(cursor, products.updatedAt, products.id),
        ),
      )
      .orderBy(desc(products.updatedAt), desc(products.id))
      .limit(q.limit + 1),
  );
  return toPage(rows, q.limit, (r) => ({ at: r.updatedAt, id: r.id }), view);
}

async function load(tx: Tx, id: string): Promise<Row> {
  const [row] = await tx.select().from(products).where(eq(products.id, id));
  if (!row) throw notFound('Product');
  return row;
}

export async function getProduct(ctx: Ctx, id: string): Promise<ProductView> {
  requireAccess(ctx.actor, 'product.read');
  return view(await read(ctx, (tx) => load(tx, id)));
}

export async function createProduct(ctx: Ctx, raw: CreateProductInput): Promise<ProductView> {
  requireAccess(ctx.actor, 'product.write');
  const input = parseInput(createProductBody, raw);
  return write(ctx, 'product.create', async (tx) => {
    const [row] = await tx
      .insert(products)
      .values({
        title: input.title,
        description: input.description,
        status: input.status ?? DEFAULT_PRODUCT_STATUS,
        tags: input.tags,
      })
      .returning();
    const created = view(row!);
    await recordChange(tx, ctx, {
      action: 'product.created',
      objectType: 'product',
      objectId: created.id,
      partnerId: null,
      before: null,
      after: created,
    });
    return created;
  });
}

export async function updateProduct(ctx: Ctx, id: string, raw: UpdateProductInput): Promise<ProductView> {
  requireAccess(ctx.actor, 'product.write');
  const input = parseInput(updateProductBody, raw);
  return write(ctx, 'product.update', async (tx) => {
    const current = await load(tx, id);
    if (current.archivedAt) throw new AppError('conflict', 'The product is archived; restore it before editing');
    if (input.status) assertMove(current.status, input.status);
    const [row] = await tx
      .update(products)
      .set({
        title: input.title ?? current.title,
        description: input.description ?? current.description,
        status: input.status ?? current.status,
        tags: input.tags ?? current.tags,
        updatedAt: new Date(),
      })
      .where(eq(products.id, id))
      .returning();
    const updated = view(row!);
    await recordChange(tx, ctx, {
      action: 'product.updated',
      objectType: 'product',
      objectId: id,
      partnerId: null,
      before: view(current),
      after: updated,
    });
    return updated;
  });
}

/** Archiving hides a product from lists and from partners; it keeps its history and can be restored. */
export async function setArchived(ctx: Ctx, id: string, archived: boolean): Promise<ProductView> {
  requireAccess(ctx.actor, 'product.write');
  return write(ctx, archived ? 'product.archive' : 'product.restore', async (tx) => {
    const current = await load(tx, id);
    if (Boolean(current.archivedAt) === archived) return view(current);
    const [row] = await tx
      .update(products)
      .set({ archivedAt: archived ? new Date() : null, updatedAt: new Date() })
      .where(eq(products.id, id))
      .returning();
    const changed = view(row!);
    await recordChange(tx, ctx, {
      action: archived ? 'product.archived' : 'product.restored',
      objectType: 'product',
      objectId: id,
      partnerId: null,
      before: view(current),
      after: changed,
    });
    return changed;
  });
}

/** For other modules: titles of products by id, read in the caller's transaction. */
export async function productRefs(
  tx: Tx,
  ids: string[],
): Promise<Map<string, { id: string; title: string; status: string }>> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return new Map();
  const rows = await tx
    .select({ id: products.id, title: products.title, status: products.status })
    .from(products)
    .where(inArray(products.id, wanted));
  return new Map(rows.map((r) => [r.id, r]));
}

/** For the graph: every product not archived, as plain data. */
export async function activeProducts(tx: Tx) {
  return tx
    .select({
      id: products.id,
      title: products.title,
      description: products.description,
      status: products.status,
      tags: products.tags,
    })
    .from(products)
    .where(isNull(products.archivedAt))
    .orderBy(products.title);
}

/**
 * The products with these titles (any case) by lower-cased title, creating those that do not exist yet (status
 * launch), within the caller's transaction. For use cases of other modules that name products, such as a program
 * file: the caller has checked its own permission.
 */
export async function ensureProductsByTitle(tx: Tx, ctx: Ctx, titles: string[]): Promise<Map<string, string>> {
  const wanted = new Map(titles.map((t) => [t.trim().toLowerCase(), t.trim()]));
  const found = new Map<string, string>();
  if (wanted.size === 0) return found;
  const rows = await tx
    .select({ id: products.id, title: products.title })
    .from(products)
    .where(inArray(sql`lower(${products.title})`, [...wanted.keys()]))
    // titles are not unique: a live product wins over an archived one, then the oldest
    .orderBy(sql`${products.archivedAt} is not null`, asc(products.createdAt), asc(products.id));
  for (const r of rows) if (!found.has(r.title.toLowerCase())) found.set(r.title.toLowerCase(), r.id);
  for (const [lower, title] of wanted) {
    if (found.has(lower)) continue;
    const [row] = await tx.insert(products).values({ title, status: DEFAULT_PRODUCT_STATUS }).returning();
    const created = view(row!);
    await recordChange(tx, ctx, {
      action: 'product.created',
      objectType: 'product',
      objectId: created.id,
      partnerId: null,
      before: null,
      after: created,
    });
    found.set(lower, created.id);
  }
  return found;
}
