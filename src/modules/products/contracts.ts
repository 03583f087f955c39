import { z } from 'zod';
import { boolFlag, tagsField } from '../../platform/http/fields.js';
import { pageQuery } from '../../platform/http/pagination.js';
import { PRODUCT_STATUSES } from './rules/lifecycle.js';

const tags = tagsField;

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

export const listProductsQuery = pageQuery.extend({
  q: z.string().trim().max(200).optional(),
  status: z.enum(PRODUCT_STATUSES).optional(),
  tag: z.string().trim().max(50).optional(),
  archived: boolFlag.optional(),
});
export type ListProductsQuery = z.input<typeof listProductsQuery>;
