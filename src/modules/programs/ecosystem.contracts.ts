import { z } from 'zod';
import { tagsField } from '../../platform/http/fields.js';
import { percentSchema } from './file/format.js';
import { API_STYLES, ECOSYSTEM_STATUS, ECOSYSTEM_TYPES, INTEGRATION_TYPES, SHARE_MODELS } from './rules/ecosystem.js';

const tags = tagsField;
const common = {
  title: z.string().trim().min(1).max(200),
  description: z.string().max(10_000).default(''),
  tags: tags.default([]),
};

/** Type-specific fields, named as the graph names them (camelCase over the API). */
export const integrationPartnerFields = z
  .object({ integrationType: z.enum(INTEGRATION_TYPES).nullable().default(null) })
  .strict();
export const revenueShareFields = z
  .object({ shareModel: z.enum(SHARE_MODELS), sharePercentage: percentSchema.nullable().default(null) })
  .strict();
export const apiEcosystemFields = z.object({ apiStyle: z.enum(API_STYLES).nullable().default(null) }).strict();
export const developerPortalFields = z
  .object({
    portalUrl: z
      .url({ protocol: /^https?$/ })
      .max(2_000)
      .nullable()
      .default(null),
    sandboxAvailable: z.boolean().default(false),
  })
  .strict();

export const createEcosystemNodeBody = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('integration_partner'),
      ...common,
      status: z.enum(ECOSYSTEM_STATUS.integration_partner.statuses).optional(),
      properties: integrationPartnerFields.default({ integrationType: null }),
    })
    .strict(),
  z.object({ type: z.literal('partner_revenue_share'), ...common, properties: revenueShareFields }).strict(),
  z
    .object({
      type: z.literal('api_ecosystem'),
      ...common,
      status: z.enum(ECOSYSTEM_STATUS.api_ecosystem.statuses).optional(),
      properties: apiEcosystemFields.default({ apiStyle: null }),
    })
    .strict(),
  z
    .object({
      type: z.literal('developer_portal'),
      ...common,
      status: z.enum(ECOSYSTEM_STATUS.developer_portal.statuses).optional(),
      properties: developerPortalFields.default({ portalUrl: null, sandboxAvailable: false }),
    })
    .strict(),
]);
export type CreateEcosystemNodeInput = z.input<typeof createEcosystemNodeBody>;

/** Properties are checked against the node's type in the service (the type never changes). */
export const updateEcosystemNodeBody = z
  .object({
    title: common.title.optional(),
    description: z.string().max(10_000).optional(),
    tags: tags.optional(),
    status: z.string().max(50).optional(),
    properties: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();
export type UpdateEcosystemNodeInput = z.input<typeof updateEcosystemNodeBody>;

export const ecosystemNodeView = z
  .object({
    id: z.uuid(),
    programId: z.uuid(),
    type: z.enum(ECOSYSTEM_TYPES),
    title: z.string(),
    description: z.string(),
    status: z.string().nullable(),
    nextStatuses: z.array(z.string()),
    tags: z.array(z.string()),
    properties: z.record(z.string(), z.unknown()),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'EcosystemNode' });
export type EcosystemNodeView = z.infer<typeof ecosystemNodeView>;
