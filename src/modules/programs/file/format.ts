import { z } from 'zod';
import { isCurrency } from '../../../platform/money.js';
import { BENEFIT_CATEGORIES, BENEFIT_KEYS, WELL_KNOWN_BENEFITS } from '../rules/well-known-benefits.js';
import { VALUE_TYPES, valueProblem } from '../rules/benefit-values.js';
import { criteriaSchema } from '../rules/criteria.js';
import { PROGRAM_TYPES } from '../rules/program-lifecycle.js';
import { ECOSYSTEM_STATUS, INTEGRATION_TYPES, API_STYLES, SHARE_MODELS } from '../rules/ecosystem.js';
import { hasTwoDecimalsAtMost } from '../rules/criteria.js';

/**
 * A whole program as a file (YAML or JSON): what programs-as-code plans, applies and exports, and what the
 * templates are written in. Identity inside the file is by key (program, tiers), by key or name (benefits) and
 * by title (products, ecosystem nodes), so applying the same file twice changes nothing.
 */
export const PROGRAM_FILE_FORMAT = 'trellis.program/v1';

export const keySchema = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9-]{0,62}$/,
    'must be 1–63 lowercase letters, digits and dashes, starting with a letter or digit',
  );
const title = z.string().trim().min(1).max(200);
const description = z.string().max(10_000).default('');
const tag = z
  .string()
  .trim()
  .min(1)
  .max(50)
  .regex(/^[^,]+$/, 'must not contain commas');
export const tagsSchema = z
  .array(tag)
  .max(30)
  .default([])
  .transform((t) => [...new Set(t)]);
export const currencySchema = z
  .string()
  .refine(isCurrency, 'must be an ISO 4217 currency code in capitals, e.g. USD, EUR, JPY');
export const daysSchema = (max: number) => z.number().int('must be a whole number of days').min(0).max(max);
export const percentSchema = z.number().min(0).max(100).refine(hasTwoDecimalsAtMost, 'must have at most two decimals');

/** A badge: an inline data URI (`data:image/png;base64,…`); the CLI and templates may also name a file beside. */
const badge = z.string().max(400_000).nullable().default(null);

export const fileBenefit = z
  .object({
    key: z.enum(BENEFIT_KEYS).optional(),
    name: title,
    description: description,
    category: z.enum(BENEFIT_CATEGORIES).default('sales'),
    value_type: z.enum(VALUE_TYPES),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.key && WELL_KNOWN_BENEFITS[b.key].valueType !== b.value_type)
      ctx.addIssue({
        code: 'custom',
        path: ['value_type'],
        message: `${b.key} is a ${WELL_KNOWN_BENEFITS[b.key].valueType} benefit`,
      });
  });

export const fileTier = z
  .object({
    key: keySchema,
    name: title,
    description: description,
    invitation_only: z.boolean().default(false),
    badge,
    criteria: criteriaSchema.default([]),
    /** Values by benefit key (or name for benefits without a key); a benefit left out is not awarded. */
    benefits: z.record(z.string(), z.union([z.boolean(), z.number(), z.string()])).default({}),
  })
  .strict();

const ecosystemBase = { title, description, tags: tagsSchema };

export const fileIntegrationPartner = z
  .object({
    ...ecosystemBase,
    status: z.enum(ECOSYSTEM_STATUS.integration_partner.statuses).default('alpha'),
    integration_type: z.enum(INTEGRATION_TYPES).nullable().default(null),
  })
  .strict();
export const fileRevenueShare = z
  .object({
    ...ecosystemBase,
    share_model: z.enum(SHARE_MODELS),
    share_percentage: percentSchema.nullable().default(null),
  })
  .strict();
export const fileApiEcosystem = z
  .object({
    ...ecosystemBase,
    status: z.enum(ECOSYSTEM_STATUS.api_ecosystem.statuses).default('alpha'),
    api_style: z.enum(API_STYLES).nullable().default(null),
  })
  .strict();
export const fileDeveloperPortal = z
  .object({
    ...ecosystemBase,
    status: z.enum(ECOSYSTEM_STATUS.developer_portal.statuses).default('planning'),
    portal_url: z
      .url({ protocol: /^https?$/ })
      .nullable()
      .default(null),
    sandbox_available: z.boolean().default(false),
  })
  .strict();

/** Room for the policies later modules define; kept as written until each gets its own schema. */
const policy = z.record(z.string(), z.unknown()).optional();
export const filePolicies = z
  .object({ deal_protection: policy, incentives: policy, mdf: policy, onboarding: policy })
  .strict()
  .default({});

export const programFileSchema = z
  .object({
    format: z.literal(PROGRAM_FILE_FORMAT, { error: `must be ${PROGRAM_FILE_FORMAT}` }),
    key: keySchema,
    name: title,
    type: z.enum(PROGRAM_TYPES),
    currency: currencySchema,
    description: description,
    tags: tagsSchema,
    revenue_seasoning_days: daysSchema(730).default(0),
    demotion_grace_days: daysSchema(730).default(90),
    products: z.array(z.object({ title }).strict()).max(100).default([]),
    benefits: z.array(fileBenefit).max(100).default([]),
    tiers: z.array(fileTier).max(20).default([]),
    integration_partners: z.array(fileIntegrationPartner).max(200).default([]),
    revenue_shares: z.array(fileRevenueShare).max(50).default([]),
    api_ecosystems: z.array(fileApiEcosystem).max(20).default([]),
    developer_portals: z.array(fileDeveloperPortal).max(20).default([]),
    policies: filePolicies,
  })
  .strict()
  .superRefine((f, ctx) => {
    const unique = <T>(list: T[], id: (t: T) => string, path: string, what: string) => {
      const seen = new Set<string>();
      list.forEach((item, i) => {
        const k = id(item).toLowerCase();
        if (seen.has(k)) ctx.addIssue({ code: 'custom', path: [path, i], message: `repeats the ${what} ${id(item)}` });
        seen.add(k);
      });
    };
    unique(f.tiers, (t) => t.key, 'tiers', 'tier key');
    unique(f.tiers, (t) => t.name, 'tiers', 'tier name');
    unique(f.benefits, (b) => b.name, 'benefits', 'benefit name');
    unique(
      f.benefits.filter((b) => b.key),
      (b) => b.key!,
      'benefits',
      'benefit key',
    );
    unique(f.products, (p) => p.title, 'products', 'product');
    for (const list of ['integration_partners', 'revenue_shares', 'api_ecosystems', 'developer_portals'] as const)
      unique<{ title: string }>(f[list], (n) => n.title, list, 'title');
    const byRef = new Map(f.benefits.flatMap((b) => [[b.name, b] as const, ...(b.key ? [[b.key, b] as const] : [])]));
    f.tiers.forEach((t, i) => {
      for (const [ref, value] of Object.entries(t.benefits)) {
        const benefit = byRef.get(ref);
        const path = ['tiers', i, 'benefits', ref];
        if (!benefit) ctx.addIssue({ code: 'custom', path, message: 'is not among the file’s benefits' });
        else {
          const problem = valueProblem(benefit.value_type, value);
          if (problem) ctx.addIssue({ code: 'custom', path, message: problem });
        }
      }
    });
  });

export type ProgramFile = z.output<typeof programFileSchema>;
export type ProgramFileInput = z.input<typeof programFileSchema>;
