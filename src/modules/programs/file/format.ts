import { z } from 'zod';
import { tagsField } from '../../../platform/http/fields.js';
import { isCurrency } from '../../../platform/money.js';
import { BENEFIT_CATEGORIES, BENEFIT_KEYS, WELL_KNOWN_BENEFITS } from '../rules/well-known-benefits.js';
import { VALUE_TYPES, type ValueType, valueProblem } from '../rules/benefit-values.js';
import { criteriaSchema } from '../rules/criteria.js';
import { PROGRAM_TYPES } from '../rules/program-lifecycle.js';
import { ECOSYSTEM_STATUS, INTEGRATION_TYPES, API_STYLES, SHARE_MODELS } from '../rules/ecosystem.js';
import { hasTwoDecimalsAtMost } from '../rules/criteria.js';
import { programFileSections, type ProgramFileSection, type SectionData } from './sections.js';

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
export const tagsSchema = tagsField.default([]);
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

const fileShape = {
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
};

/**
 * Checks across fields. They run even when other parts of the file failed, so that one refusal lists every
 * problem; hence the defensive reads.
 */
const crossChecks = (f: Record<string, unknown>, ctx: z.RefinementCtx) => {
  if (typeof f !== 'object' || f === null) return;
  const list = (v: unknown): Record<string, unknown>[] =>
    Array.isArray(v) ? v.filter((x): x is Record<string, unknown> => typeof x === 'object' && x !== null) : [];
  const text = (v: unknown): string | null => (typeof v === 'string' ? v.trim() : null);
  const unique = (path: string, field: string, what: string, items = list(f[path as keyof typeof f])) => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      const id = text(item[field]);
      if (!id) return;
      if (seen.has(id.toLowerCase()))
        ctx.addIssue({ code: 'custom', path: [path, i], message: `repeats the ${what} ${id}` });
      seen.add(id.toLowerCase());
    });
  };
  unique('tiers', 'key', 'tier key');
  unique('tiers', 'name', 'tier name');
  unique('benefits', 'name', 'benefit name');
  unique('benefits', 'key', 'benefit key');
  unique('products', 'title', 'product');
  for (const path of ['integration_partners', 'revenue_shares', 'api_ecosystems', 'developer_portals'])
    unique(path, 'title', 'title');
  const byRef = new Map<string, { value_type: unknown }>();
  for (const b of list(f.benefits)) {
    for (const ref of [text(b.name), text(b.key)]) if (ref) byRef.set(ref, b as { value_type: unknown });
  }
  list(f.tiers).forEach((t, i) => {
    const values = t.benefits;
    if (typeof values !== 'object' || values === null || Array.isArray(values)) return;
    for (const [ref, value] of Object.entries(values)) {
      const benefit = byRef.get(ref);
      const path = ['tiers', i, 'benefits', ref];
      if (!benefit) ctx.addIssue({ code: 'custom', path, message: 'is not among the file’s benefits' });
      else if ((VALUE_TYPES as readonly unknown[]).includes(benefit.value_type)) {
        const problem = valueProblem(benefit.value_type as ValueType, value);
        if (problem) ctx.addIssue({ code: 'custom', path, message: problem });
      }
    }
  });
};

/** The format's own fields, for their types; programFileSchema() adds the contributed sections. */
type OwnFields = z.ZodObject<typeof fileShape>;

let built: { sections: readonly ProgramFileSection[]; schema: z.ZodType<Record<string, unknown>> } | null = null;

/**
 * The program file's schema: the format's own fields plus the sections other modules contribute (sections.ts),
 * each optional, before `policies`. Built again only when a section is added.
 */
export function programFileSchema(): z.ZodType<Record<string, unknown>> {
  const sections = programFileSections();
  if (built?.sections !== sections) {
    const { policies, ...own } = fileShape;
    const contributed: Record<string, z.ZodType> = {};
    for (const s of sections) {
      if (s.name in fileShape || s.name === 'sections') throw new Error(`${s.name} is a field of the program file`);
      contributed[s.name] = s.schema.optional();
    }
    const schema = z
      .object({ ...own, ...contributed, policies })
      .strict()
      .superRefine(crossChecks, { when: () => true });
    built = { sections, schema };
  }
  return built.schema;
}

/** A checked file; the contributed sections it writes are set apart, by their field. */
export type ProgramFile = z.output<OwnFields> & { sections: Record<string, SectionData> };
export type ProgramFileInput = z.input<OwnFields>;
