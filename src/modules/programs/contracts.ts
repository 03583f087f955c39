import { z } from 'zod';
import { boolFlag, tagsField } from '../../platform/http/fields.js';
import { pageQuery } from '../../platform/http/pagination.js';
import { BENEFIT_CATEGORIES, BENEFIT_KEYS } from './rules/well-known-benefits.js';
import { VALUE_TYPES } from './rules/benefit-values.js';
import { criteriaSchema, METRIC_NAMES, OPERATORS } from './rules/criteria.js';
import { PROGRAM_STATUSES, PROGRAM_TYPES } from './rules/program-lifecycle.js';
import { currencySchema, daysSchema, keySchema } from './file/format.js';

const tags = tagsField;
const name = z.string().trim().min(1).max(200);

export const programView = z
  .object({
    id: z.uuid(),
    type: z.literal('partner_program'),
    key: z.string(),
    name: z.string(),
    description: z.string(),
    programType: z.enum(PROGRAM_TYPES),
    currency: z.string(),
    status: z.enum(PROGRAM_STATUSES),
    /** The statuses this program may move to next (empty when final). */
    nextStatuses: z.array(z.enum(PROGRAM_STATUSES)),
    tags: z.array(z.string()),
    revenueSeasoningDays: z.number().int(),
    demotionGraceDays: z.number().int(),
    productIds: z.array(z.uuid()),
    policies: z.record(z.string(), z.record(z.string(), z.unknown())),
    archivedAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Program' });
export type ProgramView = z.infer<typeof programView>;

export const createProgramBody = z
  .object({
    key: keySchema.optional(),
    name,
    programType: z.enum(PROGRAM_TYPES),
    currency: currencySchema,
    description: z.string().max(10_000).default(''),
    tags: tags.default([]),
    revenueSeasoningDays: daysSchema(730).default(0),
    demotionGraceDays: daysSchema(730).default(90),
    productIds: z.array(z.uuid()).max(100).default([]),
  })
  .strict();
export type CreateProgramInput = z.input<typeof createProgramBody>;

export const updateProgramBody = z
  .object({
    key: keySchema.optional(),
    name: name.optional(),
    programType: z.enum(PROGRAM_TYPES).optional(),
    currency: currencySchema.optional(),
    description: z.string().max(10_000).optional(),
    tags: tags.optional(),
    revenueSeasoningDays: daysSchema(730).optional(),
    demotionGraceDays: daysSchema(730).optional(),
    productIds: z.array(z.uuid()).max(100).optional(),
  })
  .strict();
export type UpdateProgramInput = z.input<typeof updateProgramBody>;

export const transitionBody = z
  .object({ status: z.enum(PROGRAM_STATUSES), reason: z.string().trim().max(1000).default('') })
  .strict();
export type TransitionInput = z.input<typeof transitionBody>;

export const listProgramsQuery = pageQuery.extend({
  q: z.string().trim().max(200).optional(),
  status: z.enum(PROGRAM_STATUSES).optional(),
  programType: z.enum(PROGRAM_TYPES).optional(),
  tag: z.string().trim().max(50).optional(),
  archived: boolFlag.optional(),
});
export type ListProgramsQuery = z.input<typeof listProgramsQuery>;

export const statusChangeView = z
  .object({
    id: z.uuid(),
    fromStatus: z.string().nullable(),
    toStatus: z.string(),
    reason: z.string(),
    actor: z.string(),
    at: z.iso.datetime(),
  })
  .meta({ id: 'ProgramStatusChange' });
export type StatusChangeView = z.infer<typeof statusChangeView>;

export const criterionView = z
  .object({
    metric: z.enum(METRIC_NAMES),
    op: z.enum(OPERATORS),
    value: z.number(),
    certification: z.string().optional(),
    specialization: z.string().optional(),
  })
  .meta({ id: 'TierCriterion' });

export const tierView = z
  .object({
    id: z.uuid(),
    type: z.literal('partner_tier'),
    programId: z.uuid(),
    key: z.string(),
    name: z.string(),
    rank: z.number().int(),
    description: z.string(),
    invitationOnly: z.boolean(),
    criteria: z.array(criterionView),
    /** Each criterion as a person reads it, in the program currency. */
    requirements: z.array(z.string()),
    badge: z.object({ contentType: z.string(), sha256: z.string(), url: z.string() }).nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Tier' });
export type TierView = z.infer<typeof tierView>;

export const createTierBody = z
  .object({
    key: keySchema.optional(),
    name,
    description: z.string().max(10_000).default(''),
    invitationOnly: z.boolean().default(false),
    criteria: criteriaSchema.default([]),
  })
  .strict();
export type CreateTierInput = z.input<typeof createTierBody>;

export const updateTierBody = z
  .object({
    key: keySchema.optional(),
    name: name.optional(),
    description: z.string().max(10_000).optional(),
    invitationOnly: z.boolean().optional(),
    criteria: criteriaSchema.optional(),
  })
  .strict();
export type UpdateTierInput = z.input<typeof updateTierBody>;

export const reorderTiersBody = z
  .object({ tierIds: z.array(z.uuid()).min(1).max(20) })
  .strict()
  .refine((b) => new Set(b.tierIds).size === b.tierIds.length, {
    path: ['tierIds'],
    message: 'must not repeat a tier',
  });
export type ReorderTiersInput = z.input<typeof reorderTiersBody>;

export const benefitView = z
  .object({
    id: z.uuid(),
    key: z.enum(BENEFIT_KEYS).nullable(),
    name: z.string(),
    description: z.string(),
    category: z.enum(BENEFIT_CATEGORIES),
    valueType: z.enum(VALUE_TYPES),
    archivedAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Benefit' });
export type BenefitView = z.infer<typeof benefitView>;

export const createBenefitBody = z
  .object({
    key: z.enum(BENEFIT_KEYS).optional(),
    name,
    description: z.string().max(2_000).default(''),
    category: z.enum(BENEFIT_CATEGORIES),
    valueType: z.enum(VALUE_TYPES),
  })
  .strict();
export type CreateBenefitInput = z.input<typeof createBenefitBody>;

export const updateBenefitBody = z
  .object({
    name: name.optional(),
    description: z.string().max(2_000).optional(),
    category: z.enum(BENEFIT_CATEGORIES).optional(),
    valueType: z.enum(VALUE_TYPES).optional(),
  })
  .strict();
export type UpdateBenefitInput = z.input<typeof updateBenefitBody>;

export const listBenefitsQuery = z.object({
  q: z.string().trim().max(200).optional(),
  archived: boolFlag.optional(),
});
export type ListBenefitsQuery = z.input<typeof listBenefitsQuery>;

const cellValue = z.union([z.boolean(), z.number(), z.string()]);

export const matrixView = z
  .object({
    programId: z.uuid(),
    currency: z.string(),
    tiers: z.array(z.object({ id: z.uuid(), key: z.string(), name: z.string(), rank: z.number().int() })),
    benefits: z.array(benefitView),
    values: z.array(z.object({ tierId: z.uuid(), benefitId: z.uuid(), value: cellValue, display: z.string() })),
  })
  .meta({ id: 'BenefitMatrix' });
export type MatrixView = z.infer<typeof matrixView>;

export const setProgramBenefitsBody = z
  .object({ benefitIds: z.array(z.uuid()).max(100) })
  .strict()
  .refine((b) => new Set(b.benefitIds).size === b.benefitIds.length, {
    path: ['benefitIds'],
    message: 'must not repeat a benefit',
  });
export type SetProgramBenefitsInput = z.input<typeof setProgramBenefitsBody>;

export const setValuesBody = z
  .object({
    values: z
      .array(z.object({ tierId: z.uuid(), benefitId: z.uuid(), value: cellValue.nullable() }).strict())
      .min(1)
      .max(2_000),
  })
  .strict();
export type SetValuesInput = z.input<typeof setValuesBody>;
