import { z } from 'zod';
import { pageQuery } from '../../platform/http/pagination.js';
import { PRODUCT_STATUSES } from './rules/lifecycle.js';

const tag = z
  .string()
  .trim()
  .min(1)
  .max(50)
  .regex(/^[^,]+$/, 'must not contain commas');
const tags = z
  .array(tag)
  .max(30)
  .transform((t) => [...new Set(t)]);

export const productView = z
  .object({
    id: z.uuid(),
    type: z.literal('product'),
    title: z.string(),
    description: z.string(),
    status: z.enum(PRODUCT_STATUSES),
    tags: z.array(z.string()),
    archivedAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Product' });
export type ProductView = z.infer<typeof productView>;

export const createProductBody = z
  .object({
    title: z.string().trim().min(1).max(200),
    description: z.string().max(10_000).default(''),
    status: z.enum(PRODUCT_STATUSES).optional(),
    tags: tags.default([]),
  })
  .strict();
export type CreateProductInput = z.input<typeof createProductBody>;

export const updateProductBody = z
  .object({
    title: z.string().trim().min(1).max(200).optional(),
    description: z.string().max(10_000).optional(),
    status: z.enum(PRODUCT_STATUSES).optional(),
    tags: tags.optional(),
  })
  .strict();
export type UpdateProductInput = z.input<typeof updateProductBody>;

// query strings say 'true'/'false'; in-process callers pass booleans
const boolFlag = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]);

export const listProductsQuery = pageQuery.extend({
  q: z.string().trim().max(200).optional(),
  status: z.enum(PRODUCT_STATUSES).optional(),
  tag: z.string().trim().max(50).optional(),
  archived: boolFlag.optional(),
});
export type ListProductsQuery = z.input<typeof listProductsQuery>;
