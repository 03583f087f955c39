import { z } from 'zod';
import { pageQuery } from '../../platform/http/pagination.js';
import { PARTNER_STATUSES } from './schema.js';

export const partnerView = z
  .object({
    id: z.uuid(),
    name: z.string(),
    status: z.enum(PARTNER_STATUSES),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Partner' });
export type PartnerView = z.infer<typeof partnerView>;

export const createPartnerBody = z.object({ name: z.string().trim().min(1).max(200) }).strict();
export type CreatePartnerInput = z.infer<typeof createPartnerBody>;

export const listPartnersQuery = pageQuery.extend({ q: z.string().trim().max(200).optional() });
export type ListPartnersQuery = z.infer<typeof listPartnersQuery>;
