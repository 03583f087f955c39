import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, timestamptz, updatedAt } from '../../platform/db/columns.js';
import { staffOnly } from '../../platform/db/rls.js';
import { partners } from '../partners/schema.js';
import { programs } from '../programs/schema.js';
import type { EligibilityResult, EligibilityRule } from './rules/eligibility.js';

/** A program's public application form: whether it is published, its wording and its eligibility rules. */
export const applicationForms = pgTable(
  'application_forms',
  {
    programId: uuid('program_id')
      .primaryKey()
      .references(() => programs.id, { onDelete: 'cascade' }),
    published: boolean('published').notNull().default(false),
    intro: text('intro').notNull().default(''),
    rules: jsonb('rules').$type<EligibilityRule[]>().notNull().default([]),
    /** Score (0–100) at or above which an application counts as eligible. */
    passScore: integer('pass_score').notNull().default(60),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('application_forms_score_check', sql`${t.passScore} between 0 and 100`),
    staffOnly('application_forms'),
  ],
);

export const APPLICATION_STATUSES = ['received', 'approved', 'rejected'] as const;

/** An application from a prospect; not a partner yet, so only staff read it. */
export const applications = pgTable(
  'applications',
  {
    id: idColumn(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    companyName: text('company_name').notNull(),
    website: text('website').notNull(),
    domain: text('domain').notNull(),
    country: text('country').notNull(),
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
    companySize: text('company_size').notNull(),
    contactName: text('contact_name').notNull(),
    contactEmail: text('contact_email').notNull(),
    message: text('message').notNull().default(''),
    score: integer('score').notNull(),
    eligible: boolean('eligible').notNull(),
    eligibility: jsonb('eligibility').$type<EligibilityResult[]>().notNull(),
    status: text('status', { enum: APPLICATION_STATUSES }).notNull().default('received'),
    /** The earliest earlier application from the same domain, if any. */
    duplicateOfId: uuid('duplicate_of_id'),
    /** An existing partner company with the same domain, if any. */
    matchedPartnerId: uuid('matched_partner_id').references(() => partners.id),
    /** The partner created (or matched) on approval. */
    partnerId: uuid('partner_id').references(() => partners.id),
    reviewReason: text('review_reason'),
    reviewedBy: text('reviewed_by'),
    reviewedAt: timestamptz('reviewed_at'),
    ipAddress: text('ip_address').notNull().default(''),
    userAgent: text('user_agent').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [
    index('applications_queue_idx').on(t.status, t.createdAt),
    index('applications_domain_idx').on(t.domain),
    index('applications_program_idx').on(t.programId, t.createdAt),
    index('applications_ip_idx').on(t.ipAddress, t.createdAt),
    check('applications_status_check', sql`${t.status} in ('received','approved','rejected')`),
    staffOnly('applications'),
  ],
);
