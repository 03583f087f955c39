import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, timestamptz, updatedAt } from '../../platform/db/columns.js';
import { partnerOwned, partnerReadable } from '../../platform/db/rls.js';
import { enrollments } from '../enrollments/schema.js';
import { partners } from '../partners/schema.js';
import { programs, visibleProgram } from '../programs/schema.js';

/**
 * A version of a program's agreement (Markdown). Drafts are edited freely; publishing fixes the text and its
 * SHA-256, and the newest published version is the program's current agreement.
 */
export const agreements = pgTable(
  'agreements',
  {
    id: idColumn(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    /** Hex SHA-256 of the UTF-8 body, fixed at publication. */
    sha256: text('sha256'),
    /** Days partners already in the program have to accept this version once it is published. */
    acceptWithinDays: integer('accept_within_days').notNull().default(30),
    publishedAt: timestamptz('published_at'),
    /** Set at publication for partners who had accepted an earlier version: publishedAt + acceptWithinDays. */
    reacceptBy: timestamptz('reaccept_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('agreements_program_version_idx').on(t.programId, t.version),
    check('agreements_days_check', sql`${t.acceptWithinDays} between 1 and 365`),
    check('agreements_published_check', sql`(${t.publishedAt} is null) = (${t.sha256} is null)`),
    ...partnerReadable(
      'agreements',
      sql`${t.publishedAt} is not null and ${visibleProgram(t.programId)}`,
    ),
  ],
);

/**
 * Who accepted which exact text, when and from where. Rows are never changed or deleted: a new version asks
 * for a new acceptance and the old one stays as evidence.
 */
export const agreementAcceptances = pgTable(
  'agreement_acceptances',
  {
    id: idColumn(),
    agreementId: uuid('agreement_id')
      .notNull()
      .references(() => agreements.id),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    enrollmentId: uuid('enrollment_id')
      .notNull()
      .references(() => enrollments.id),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id),
    userId: uuid('user_id').notNull(),
    userName: text('user_name').notNull(),
    userEmail: text('user_email').notNull(),
    ipAddress: text('ip_address').notNull(),
    userAgent: text('user_agent').notNull(),
    sha256: text('sha256').notNull(),
    acceptedAt: timestamptz('accepted_at').notNull().defaultNow(),
  },
  (t) => [
    index('agreement_acceptances_enrollment_idx').on(t.enrollmentId, t.acceptedAt),
    index('agreement_acceptances_agreement_idx').on(t.agreementId),
    uniqueIndex('agreement_acceptances_once_idx').on(t.agreementId, t.enrollmentId),
    partnerOwned('agreement_acceptances', t.partnerId),
  ],
);
