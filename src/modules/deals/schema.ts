import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  real,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { bytea, createdAt, idColumn, timestamptz, updatedAt } from '../../platform/db/columns.js';
import { partnerAppendOnly, partnerOwned, partnerReadable, staffOnly } from '../../platform/db/rls.js';
import { partners } from '../partners/schema.js';
import { programs, programTiers, visibleProgram } from '../programs/schema.js';
import { ATTRIBUTIONS, DEAL_STATUSES, EXTENSION_STATUSES } from './rules/lifecycle.js';

const money = (name: string) => bigint(name, { mode: 'number' });
const active = sql`status in ('submitted', 'approved', 'protected')`;

/** How a program runs deal registration: approval SLA, protection, extensions and auto-approval. */
export const dealSettings = pgTable(
  'deal_settings',
  {
    programId: uuid('program_id')
      .primaryKey()
      .references(() => programs.id, { onDelete: 'cascade' }),
    /** Business days (Monday–Friday) a channel manager has to decide a submitted registration. */
    approvalSlaDays: integer('approval_sla_days').notNull().default(2),
    /** Protection when the partner's tier has no `deal_protection_days` value. */
    protectionDays: integer('protection_days').notNull().default(60),
    /** Days one granted extension adds; 0 = the program grants no extensions. */
    extensionDays: integer('extension_days').notNull().default(30),
    autoApprove: boolean('auto_approve').notNull().default(false),
    /** Auto-approve only below this estimated amount (minor units); null = any amount. */
    autoApproveBelow: money('auto_approve_below'),
    /** Auto-approve only these attributions. */
    autoApproveAttributions: text('auto_approve_attributions')
      .array()
      .notNull()
      .default(sql`'{sourced,influenced}'::text[]`),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('deal_settings_sla_check', sql`${t.approvalSlaDays} between 1 and 30`),
    check('deal_settings_protection_check', sql`${t.protectionDays} between 0 and 365`),
    check('deal_settings_extension_check', sql`${t.extensionDays} between 0 and 365`),
    check('deal_settings_below_check', sql`${t.autoApproveBelow} is null or ${t.autoApproveBelow} > 0`),
    ...partnerReadable('deal_settings', visibleProgram(t.programId)),
  ],
);

/** The vendor's one matching policy: how alike two customer names must be to collide (trigram similarity). */
export const dealPolicy = pgTable(
  'deal_policy',
  {
    id: integer('id').primaryKey().default(1),
    nameSimilarity: real('name_similarity').notNull().default(0.6),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('deal_policy_single_row', sql`${t.id} = 1`),
    check('deal_policy_similarity_check', sql`${t.nameSimilarity} >= 0.1 and ${t.nameSimilarity} <= 1`),
    staffOnly('deal_policy'),
  ],
);

/**
 * A partner's registration of an opportunity. The earliest active one (submitted, approved, protected) holds
 * its customer; a later one that matches is kept as `conflict`. Money is in minor units of `currency`.
 */
export const deals = pgTable(
  'deals',
  {
    id: idColumn(),
    /** A short number people can quote (DR-1042). */
    number: integer('number').generatedAlwaysAsIdentity().notNull(),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    status: text('status', { enum: DEAL_STATUSES }).notNull().default('draft'),
    customerName: text('customer_name').notNull(),
    /** The name normalized for matching (case, punctuation, legal forms): see rules/company-name.ts. */
    customerNameKey: text('customer_name_key').notNull(),
    /** The customer's normalized web domain. */
    customerDomain: text('customer_domain'),
    customerCountry: text('customer_country'),
    contactName: text('contact_name').notNull().default(''),
    contactEmail: text('contact_email').notNull().default(''),
    contactPhone: text('contact_phone').notNull().default(''),
    contactTitle: text('contact_title').notNull().default(''),
    productIds: uuid('product_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    amount: money('amount'),
    currency: text('currency').notNull(),
    expectedCloseDate: date('expected_close_date', { mode: 'string' }),
    attribution: text('attribution', { enum: ATTRIBUTIONS }).notNull().default('sourced'),
    notes: text('notes').notNull().default(''),
    /** The partner user who registered it (its owner). */
    ownerUserId: uuid('owner_user_id'),
    /** The channel manager who reviews it: the enrollment's, else the partner's. */
    camUserId: uuid('cam_user_id'),
    tierId: uuid('tier_id').references(() => programTiers.id),
    submittedAt: timestamptz('submitted_at'),
    /** When the approval SLA runs out (business days after submission). */
    slaDueAt: timestamptz('sla_due_at'),
    decidedAt: timestamptz('decided_at'),
    decidedBy: text('decided_by'),
    decisionReason: text('decision_reason'),
    protectionDays: integer('protection_days'),
    protectedUntil: timestamptz('protected_until'),
    expiryWarnedAt: timestamptz('expiry_warned_at'),
    extensionStatus: text('extension_status', { enum: EXTENSION_STATUSES }).notNull().default('none'),
    extensionReason: text('extension_reason'),
    extensionRequestedAt: timestamptz('extension_requested_at'),
    closedAt: timestamptz('closed_at'),
    wonAmount: money('won_amount'),
    closeDate: date('close_date', { mode: 'string' }),
    lostReason: text('lost_reason'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('deals_number_idx').on(t.number),
    index('deals_partner_idx').on(t.partnerId, t.createdAt),
    index('deals_program_idx').on(t.programId, t.createdAt),
    index('deals_queue_idx').on(t.status, t.submittedAt),
    index('deals_cam_idx').on(t.camUserId, t.status),
    index('deals_protection_idx')
      .on(t.protectedUntil)
      .where(sql`status = 'protected'`),
    // conflict detection reads only active registrations: these stay small as closed ones pile up
    index('deals_active_domain_idx').on(t.customerDomain).where(active),
    // no pending list: its linear scan would slow every check after a burst of registrations
    index('deals_active_name_idx')
      .using('gin', sql`${t.customerNameKey} gin_trgm_ops`)
      .where(active)
      .with({ fastupdate: false }),
    check(
      'deals_status_check',
      sql`${t.status} in ('draft','submitted','conflict','approved','protected','rejected','withdrawn','expired','won','lost')`,
    ),
    check('deals_attribution_check', sql`${t.attribution} in ('sourced','influenced')`),
    check('deals_extension_check', sql`${t.extensionStatus} in ('none','requested','granted','refused')`),
    check('deals_amount_check', sql`${t.amount} is null or ${t.amount} >= 0`),
    check('deals_won_amount_check', sql`${t.wonAmount} is null or ${t.wonAmount} >= 0`),
    partnerOwned('deals', t.partnerId),
  ],
);

/** What a registration in `conflict` collides with: another registration or a house account. Vendor eyes only. */
export const dealConflicts = pgTable(
  'deal_conflicts',
  {
    id: idColumn(),
    dealId: uuid('deal_id')
      .notNull()
      .references(() => deals.id, { onDelete: 'cascade' }),
    withDealId: uuid('with_deal_id').references(() => deals.id, { onDelete: 'cascade' }),
    houseAccountId: uuid('house_account_id').references(() => houseAccounts.id, { onDelete: 'set null' }),
    matchedOn: text('matched_on', { enum: ['domain', 'name'] }).notNull(),
    similarity: real('similarity').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('deal_conflicts_deal_idx').on(t.dealId),
    index('deal_conflicts_with_idx').on(t.withDealId),
    check('deal_conflicts_matched_check', sql`${t.matchedOn} in ('domain','name')`),
    // the partner's own submission records the collision, but may never read what it collided with
    ...partnerAppendOnly('deal_conflicts'),
  ],
);

/** A registration's history as its partner and the vendor see it: status moves, extensions, closing. */
export const dealEvents = pgTable(
  'deal_events',
  {
    id: idColumn(),
    dealId: uuid('deal_id')
      .notNull()
      .references(() => deals.id, { onDelete: 'cascade' }),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id),
    kind: text('kind').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    /** What the partner is told; never names another partner. */
    reason: text('reason'),
    actorLabel: text('actor_label').notNull(),
    // the time of the insert, not of the transaction: one request writes several lines that must keep their order
    createdAt: timestamptz('created_at')
      .notNull()
      .default(sql`clock_timestamp()`),
  },
  (t) => [index('deal_events_deal_idx').on(t.dealId, t.createdAt), partnerOwned('deal_events', t.partnerId)],
);

/** Files a partner attaches to a registration (quotes, emails, plans). */
export const dealAttachments = pgTable(
  'deal_attachments',
  {
    id: idColumn(),
    dealId: uuid('deal_id')
      .notNull()
      .references(() => deals.id, { onDelete: 'cascade' }),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    data: bytea('data').notNull(),
    uploadedBy: text('uploaded_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('deal_attachments_deal_idx').on(t.dealId), partnerOwned('deal_attachments', t.partnerId)],
);

/** Customers the vendor's own sales team holds: no partner registration may take them. */
export const houseAccounts = pgTable(
  'house_accounts',
  {
    id: idColumn(),
    name: text('name').notNull(),
    nameKey: text('name_key').notNull(),
    domain: text('domain'),
    country: text('country'),
    /** Who holds it at the vendor (a name or email; the vendor's sales team may not be Trellis users). */
    owner: text('owner').notNull().default(''),
    notes: text('notes').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('house_accounts_domain_idx').on(t.domain),
    index('house_accounts_name_idx')
      .using('gin', sql`${t.nameKey} gin_trgm_ops`)
      .with({ fastupdate: false }),
    // the console lists them by name, a page at a time
    index('house_accounts_name_order_idx').on(t.name, t.id),
    staffOnly('house_accounts'),
  ],
);
