import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, timestamptz, updatedAt } from '../../platform/db/columns.js';
import { partnerOwned } from '../../platform/db/rls.js';
import { partners } from '../partners/schema.js';
import { programs, programTiers } from '../programs/schema.js';

/**
 * A partner's membership of a program and the tier it holds. The partner lifecycle grows this into the full
 * enrollment (application, approval, agreement); for now the vendor places a partner in a program at a tier.
 */
export const enrollments = pgTable(
  'enrollments',
  {
    id: idColumn(),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    tierId: uuid('tier_id').references(() => programTiers.id),
    status: text('status').notNull().default('active'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('enrollments_partner_program_idx').on(t.partnerId, t.programId),
    index('enrollments_program_idx').on(t.programId, t.createdAt),
    index('enrollments_tier_idx').on(t.tierId),
    check('enrollments_status_check', sql`${t.status} in ('active')`),
    partnerOwned('enrollments', t.partnerId),
  ],
);

/** The tier history of an enrollment: every change with its reason. */
export const tierChanges = pgTable(
  'tier_changes',
  {
    id: idColumn(),
    enrollmentId: uuid('enrollment_id')
      .notNull()
      .references(() => enrollments.id),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id),
    fromTierId: uuid('from_tier_id'),
    toTierId: uuid('to_tier_id'),
    reason: text('reason').notNull(),
    actorLabel: text('actor_label').notNull(),
    at: timestamptz('at').notNull().defaultNow(),
  },
  (t) => [index('tier_changes_enrollment_idx').on(t.enrollmentId, t.at), partnerOwned('tier_changes', t.partnerId)],
);
