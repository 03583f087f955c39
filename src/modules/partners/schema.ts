import { sql } from 'drizzle-orm';
import { check, index, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, updatedAt } from '../../platform/db/columns.js';
import { partnerOwned } from '../../platform/db/rls.js';

export const PARTNER_STATUSES = ['prospect', 'onboarding', 'active', 'inactive', 'churned'] as const;

/** A partner company. Minimal for now; the partners module grows it (profile, CAM, regions…). */
export const partners = pgTable(
  'partners',
  {
    id: idColumn(),
    name: text('name').notNull(),
    status: text('status', { enum: PARTNER_STATUSES }).notNull().default('active'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('partners_name_idx').on(sql`lower(${t.name})`),
    index('partners_created_idx').on(t.createdAt.desc(), t.id.desc()),
    check('partners_status_check', sql`${t.status} in ('prospect','onboarding','active','inactive','churned')`),
    partnerOwned('partners', t.id),
  ],
);
