import { index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { timestamptz } from '../db/columns.js';
import { partnerOwned } from '../db/rls.js';

/** Responses of creating writes, replayed when the same caller sends the same Idempotency-Key again. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    caller: text('caller').notNull(),
    key: text('key').notNull(),
    partnerId: uuid('partner_id'),
    operation: text('operation').notNull(),
    requestHash: text('request_hash').notNull(),
    statusCode: integer('status_code'),
    response: jsonb('response'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.caller, t.key] }),
    index('idempotency_created_idx').on(t.createdAt),
    partnerOwned('idempotency_keys', t.partnerId),
  ],
);
