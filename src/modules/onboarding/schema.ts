import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, timestamptz, updatedAt } from '../../platform/db/columns.js';
import { partnerOwned, partnerReadable } from '../../platform/db/rls.js';
import { enrollments } from '../enrollments/schema.js';
import { partners } from '../partners/schema.js';
import { programs, visibleProgram } from '../programs/schema.js';
import { ONBOARDING_EVENTS } from './rules/steps.js';

/** A program's onboarding plan: how many days a new partner has to finish it. */
export const onboardingPlans = pgTable(
  'onboarding_plans',
  {
    programId: uuid('program_id')
      .primaryKey()
      .references(() => programs.id, { onDelete: 'cascade' }),
    days: integer('days').notNull().default(90),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('onboarding_plans_days_check', sql`${t.days} between 1 and 730`),
    ...partnerReadable('onboarding_plans', visibleProgram(t.programId)),
  ],
);

/** The steps of a program's checklist; a step with an event is ticked by the event that completes it. */
export const onboardingSteps = pgTable(
  'onboarding_steps',
  {
    id: idColumn(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    position: integer('position').notNull(),
    event: text('event', { enum: ONBOARDING_EVENTS }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('onboarding_steps_key_idx').on(t.programId, t.key),
    index('onboarding_steps_program_idx').on(t.programId, t.position),
    ...partnerReadable('onboarding_steps', visibleProgram(t.programId)),
  ],
);

/** A partner's onboarding in one program: started when the vendor approves, due `days` later. */
export const onboardings = pgTable(
  'onboardings',
  {
    enrollmentId: uuid('enrollment_id')
      .primaryKey()
      .references(() => enrollments.id),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    startedAt: timestamptz('started_at').notNull().defaultNow(),
    dueAt: timestamptz('due_at').notNull(),
    completedAt: timestamptz('completed_at'),
    /** Set once, when the overdue reminder went out. */
    overdueNotifiedAt: timestamptz('overdue_notified_at'),
  },
  (t) => [index('onboardings_due_idx').on(t.completedAt, t.dueAt), partnerOwned('onboardings', t.partnerId)],
);

/** Ticked steps: by whom (or by which event) and when. */
export const onboardingProgress = pgTable(
  'onboarding_progress',
  {
    enrollmentId: uuid('enrollment_id')
      .notNull()
      .references(() => enrollments.id),
    stepId: uuid('step_id')
      .notNull()
      .references(() => onboardingSteps.id, { onDelete: 'cascade' }),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id),
    doneBy: text('done_by').notNull(),
    doneAt: timestamptz('done_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.enrollmentId, t.stepId] }), partnerOwned('onboarding_progress', t.partnerId)],
);
