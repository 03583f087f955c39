import { sql } from 'drizzle-orm';
import { index, pgTable, text } from 'drizzle-orm/pg-core';
import { idColumn, timestamptz } from '../db/columns.js';
import { partnerAppendOnly, partnerReadable } from '../db/rls.js';

export const MAIL_STATUSES = ['queued', 'stored', 'sent', 'failed'] as const;

/** Every message sent; without SMTP it stays here ("stored") for admins to read in the console. */
export const mailMessages = pgTable(
  'mail_messages',
  {
    id: idColumn(),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    template: text('template').notNull(),
    status: text('status', { enum: MAIL_STATUSES }).notNull().default('queued'),
    error: text('error'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    sentAt: timestamptz('sent_at'),
  },
  (t) => [index('mail_created_idx').on(t.createdAt.desc(), t.id.desc()), ...partnerAppendOnly('mail_messages')],
);

/**
 * An admin's wording of a mail template, replacing the built-in one of the same key. Deleting the row brings
 * the built-in text back.
 */
export const mailTemplates = pgTable(
  'mail_templates',
  {
    key: text('key').primaryKey(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    updatedBy: text('updated_by').notNull(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  // partners' own actions send mail too, so every scope reads the wording; only staff change it
  () => [...partnerReadable('mail_templates', sql`true`)],
);
