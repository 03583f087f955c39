import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { bytea, createdAt, idColumn, updatedAt } from '../../platform/db/columns.js';
import { partnerOwned, staffOnly } from '../../platform/db/rls.js';
import { PARTNER_STATUSES } from './rules/profile.js';

export { PARTNER_STATUSES };

/** A partner company: its profile, its status with the vendor, and the channel account manager who looks after it. */
export const partners = pgTable(
  'partners',
  {
    id: idColumn(),
    name: text('name').notNull(),
    legalName: text('legal_name').notNull().default(''),
    website: text('website').notNull().default(''),
    /** The website's domain, normalized: how duplicates and deal conflicts recognise a company. */
    domain: text('domain'),
    country: text('country'),
    regions: text('regions')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    partnerTypes: text('partner_types')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    industries: text('industries')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    companySize: text('company_size'),
    camUserId: uuid('cam_user_id'),
    status: text('status', { enum: PARTNER_STATUSES }).notNull().default('active'),
    tags: text('tags')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('partners_name_idx').on(sql`lower(${t.name})`),
    index('partners_created_idx').on(t.createdAt.desc(), t.id.desc()),
    index('partners_domain_idx').on(t.domain),
    index('partners_country_idx').on(t.country),
    index('partners_status_idx').on(t.status),
    index('partners_cam_idx').on(t.camUserId),
    index('partners_regions_idx').using('gin', t.regions),
    index('partners_types_idx').using('gin', t.partnerTypes),
    index('partners_industries_idx').using('gin', t.industries),
    index('partners_tags_idx').using('gin', t.tags),
    check('partners_status_check', sql`${t.status} in ('prospect','onboarding','active','inactive','churned')`),
    check('partners_country_check', sql`${t.country} ~ '^[A-Z]{2}$'`),
    partnerOwned('partners', t.id),
  ],
);

/** The vendor's notes on a partner: a table of their own, so that row security keeps them from the partner. */
export const partnerNotes = pgTable(
  'partner_notes',
  {
    partnerId: uuid('partner_id')
      .primaryKey()
      .references(() => partners.id, { onDelete: 'cascade' }),
    notes: text('notes').notNull().default(''),
    updatedAt: updatedAt(),
  },
  () => [staffOnly('partner_notes')],
);

/** A partner's logo, type-checked from its bytes and sanitized like tier badges. */
export const partnerLogos = pgTable(
  'partner_logos',
  {
    partnerId: uuid('partner_id')
      .primaryKey()
      .references(() => partners.id, { onDelete: 'cascade' }),
    contentType: text('content_type').notNull(),
    data: bytea('data').notNull(),
    sha256: text('sha256').notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [partnerOwned('partner_logos', t.partnerId)],
);
