import { sql, type SQL } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { bytea, createdAt, idColumn, timestamptz, updatedAt } from '../../platform/db/columns.js';
import { partnerReadable, staffOnly } from '../../platform/db/rls.js';
import { products } from '../products/schema.js';

/** A program is visible to partners while it runs and is not archived (tiers, benefits, agreements and onboarding follow it). */
export const visibleProgram = (programId: AnyPgColumn): SQL =>
  sql`exists (select 1 from programs p where p.id = ${programId} and p.status in ('active', 'paused') and p.archived_at is null)`;

/** A partner program: the structure that persists while membership churns. */
export const programs = pgTable(
  'programs',
  {
    id: idColumn(),
    key: text('key').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    programType: text('program_type').notNull(),
    currency: text('currency').notNull(),
    status: text('status').notNull().default('planning'),
    tags: text('tags')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    revenueSeasoningDays: integer('revenue_seasoning_days').notNull().default(0),
    demotionGraceDays: integer('demotion_grace_days').notNull().default(90),
    /** Policies the later modules define (deal protection, incentives, MDF, onboarding), by name. */
    policies: jsonb('policies').$type<Record<string, Record<string, unknown>>>().notNull().default({}),
    archivedAt: timestamptz('archived_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('programs_key_idx').on(t.key),
    index('programs_updated_idx').on(t.updatedAt.desc(), t.id.desc()),
    index('programs_name_idx').on(sql`lower(${t.name})`),
    index('programs_status_idx').on(t.status),
    index('programs_tags_idx').using('gin', t.tags),
    check('programs_currency_check', sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check('programs_days_check', sql`${t.revenueSeasoningDays} >= 0 and ${t.demotionGraceDays} >= 0`),
    ...partnerReadable('programs', sql`${t.status} in ('active', 'paused') and ${t.archivedAt} is null`),
  ],
);

/** The products a program grows (graph edge product → partner_program). */
export const programProducts = pgTable(
  'program_products',
  {
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id, { onDelete: 'cascade' }),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id),
  },
  (t) => [
    primaryKey({ columns: [t.programId, t.productId] }),
    index('program_products_product_idx').on(t.productId),
    ...partnerReadable('program_products', visibleProgram(t.programId)),
  ],
);

/** Every status move of a program, with who made it and why. */
export const programStatusChanges = pgTable(
  'program_status_changes',
  {
    id: idColumn(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id, { onDelete: 'cascade' }),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    reason: text('reason').notNull().default(''),
    actorId: uuid('actor_id'),
    actorLabel: text('actor_label').notNull(),
    at: timestamptz('at').notNull().defaultNow(),
  },
  (t) => [index('program_status_changes_program_idx').on(t.programId, t.at), staffOnly('program_status_changes')],
);

/** A rung of a program's ladder; rank 1 is the entry tier. */
export const programTiers = pgTable(
  'program_tiers',
  {
    id: idColumn(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    name: text('name').notNull(),
    rank: integer('rank').notNull(),
    description: text('description').notNull().default(''),
    invitationOnly: boolean('invitation_only').notNull().default(false),
    criteria: jsonb('criteria').$type<unknown[]>().notNull().default([]),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('program_tiers_key_idx').on(t.programId, t.key),
    uniqueIndex('program_tiers_rank_idx').on(t.programId, t.rank),
    uniqueIndex('program_tiers_name_idx').on(t.programId, sql`lower(${t.name})`),
    ...partnerReadable('program_tiers', visibleProgram(t.programId)),
  ],
);

/** A tier's badge image, type-checked and (for SVG) sanitized before it is stored. */
export const tierBadges = pgTable(
  'tier_badges',
  {
    tierId: uuid('tier_id')
      .primaryKey()
      .references(() => programTiers.id, { onDelete: 'cascade' }),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id, { onDelete: 'cascade' }),
    contentType: text('content_type').notNull(),
    data: bytea('data').notNull(),
    sha256: text('sha256').notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [...partnerReadable('tier_badges', visibleProgram(t.programId))],
);

/** The benefits catalog, shared by every program. */
export const benefits = pgTable(
  'benefits',
  {
    id: idColumn(),
    key: text('key'),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    category: text('category').notNull(),
    valueType: text('value_type').notNull(),
    archivedAt: timestamptz('archived_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('benefits_key_idx').on(t.key),
    uniqueIndex('benefits_name_idx').on(sql`lower(${t.name})`),
    ...partnerReadable('benefits', sql`exists (select 1 from program_benefits pb where pb.benefit_id = ${t.id})`),
  ],
);

/** The benefits a program uses: the rows of its tier × benefit matrix, in order. */
export const programBenefits = pgTable(
  'program_benefits',
  {
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id, { onDelete: 'cascade' }),
    benefitId: uuid('benefit_id')
      .notNull()
      .references(() => benefits.id),
    position: integer('position').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.programId, t.benefitId] }),
    index('program_benefits_benefit_idx').on(t.benefitId),
    ...partnerReadable('program_benefits', visibleProgram(t.programId)),
  ],
);

/** One cell of the matrix: the value a tier gets of a benefit, in the stored form of its value type. */
export const benefitValues = pgTable(
  'benefit_values',
  {
    programId: uuid('program_id').notNull(),
    tierId: uuid('tier_id')
      .notNull()
      .references(() => programTiers.id, { onDelete: 'cascade' }),
    benefitId: uuid('benefit_id').notNull(),
    value: jsonb('value').$type<boolean | number | string>().notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tierId, t.benefitId] }),
    foreignKey({
      columns: [t.programId, t.benefitId],
      foreignColumns: [programBenefits.programId, programBenefits.benefitId],
    }).onDelete('cascade'),
    index('benefit_values_program_idx').on(t.programId, t.benefitId),
    ...partnerReadable('benefit_values', visibleProgram(t.programId)),
  ],
);

/** Integration partners, revenue share plans, API ecosystems and developer portals attached to a program. */
export const ecosystemNodes = pgTable(
  'ecosystem_nodes',
  {
    id: idColumn(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id, { onDelete: 'cascade' }),
    nodeType: text('node_type').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    status: text('status'),
    tags: text('tags')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    properties: jsonb('properties').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('ecosystem_nodes_title_idx').on(t.programId, t.nodeType, sql`lower(${t.title})`),
    check(
      'ecosystem_nodes_type_check',
      sql`${t.nodeType} in ('integration_partner', 'partner_revenue_share', 'api_ecosystem', 'developer_portal')`,
    ),
    staffOnly('ecosystem_nodes'),
  ],
);
