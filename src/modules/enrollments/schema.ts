import { sql } from 'drizzle-orm';
import { check, date, index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, timestamptz, updatedAt } from '../../platform/db/columns.js';
import { partnerOwned } from '../../platform/db/rls.js';
import { partners } from '../partners/schema.js';
import { programs, programTiers } from '../programs/schema.js';
import { ENROLLMENT_STATUSES } from './rules/lifecycle.js';

/**
 * A partner's membership of a program: its status (both sides agree — the vendor approves, the partner admin
 * accepts the current agreement), tier, dates and the channel account manager who looks after it.
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
    status: text('status', { enum: ENROLLMENT_STATUSES }).notNull().default('draft'),
    camUserId: uuid('cam_user_id'),
    startDate: date('start_date', { mode: 'string' }),
    renewalDate: date('renewal_date', { mode: 'string' }),
    submittedAt: timestamptz('submitted_at'),
    approvedAt: timestamptz('approved_at'),
    activatedAt: timestamptz('activated_at'),
    /** When the partner registered its first deal in this program: time to first deal counts from approval. */
    firstDealAt: timestamptz('first_deal_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('enrollments_partner_program_idx').on(t.partnerId, t.programId),
    index('enrollments_program_idx').on(t.programId, t.createdAt),
    index('enrollments_tier_idx').on(t.tierId),
    index('enrollments_status_idx').on(t.status),
    index('enrollments_cam_idx').on(t.camUserId),
    check(
      'enrollments_status_check',
      sql`${t.status} in ('draft','submitted','approved','active','rejected','suspended','terminated')`,
    ),
    check(
      'enrollments_dates_check',
      sql`${t.renewalDate} is null or ${t.startDate} is null or ${t.renewalDate} >= ${t.startDate}`,
    ),
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

/** Every status move of an enrollment, with who made it and why. */
export const enrollmentStatusChanges = pgTable(
  'enrollment_status_changes',
  {
    id: idColumn(),
    enrollmentId: uuid('enrollment_id')
      .notNull()
      .references(() => enrollments.id),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    reason: text('reason').notNull().default(''),
    actorLabel: text('actor_label').notNull(),
    at: timestamptz('at').notNull().defaultNow(),
  },
  (t) => [
    index('enrollment_status_changes_enrollment_idx').on(t.enrollmentId, t.at),
    partnerOwned('enrollment_status_changes', t.partnerId),
  ],
);
