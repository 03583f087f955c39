import { sql } from 'drizzle-orm';
import { index, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, timestamptz, updatedAt } from '../../platform/db/columns.js';
import { partnerReadable } from '../../platform/db/rls.js';

/** The product: the graph's first node. Vendor-owned; partners may read the ones not archived. */
export const products = pgTable(
  'products',
  {
    id: idColumn(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    status: text('status').notNull(),
    tags: text('tags')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    archivedAt: timestamptz('archived_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('products_updated_idx').on(t.updatedAt.desc(), t.id.desc()),
    index('products_title_idx').on(sql`lower(${t.title})`),
    index('products_tags_idx').using('gin', t.tags),
    ...partnerReadable('products', sql`${t.archivedAt} is null`),
  ],
);
