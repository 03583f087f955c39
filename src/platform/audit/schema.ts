import { index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { idColumn, timestamptz } from '../db/columns.js';
import { partnerOwned } from '../db/rls.js';

/** Append-only: the application role may insert and read, never update or delete (see migrations). */
export const auditLog = pgTable(
  'audit_log',
  {
    id: idColumn(),
    at: timestamptz('at').notNull().defaultNow(),
    actorType: text('actor_type', { enum: ['user', 'api_key', 'system', 'anonymous'] }).notNull(),
    actorId: text('actor_id'),
    actorLabel: text('actor_label').notNull(),
    action: text('action').notNull(),
    objectType: text('object_type').notNull(),
    objectId: text('object_id').notNull(),
    partnerId: uuid('partner_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    requestId: text('request_id'),
  },
  (t) => [
    index('audit_log_at_idx').on(t.at.desc(), t.id.desc()),
    index('audit_log_object_idx').on(t.objectType, t.objectId, t.at.desc()),
    index('audit_log_actor_idx').on(t.actorId, t.at.desc()),
    index('audit_log_action_idx').on(t.action, t.at.desc()),
    // a partner reads its own trail, and the console filters by partner
    index('audit_log_partner_idx').on(t.partnerId, t.at.desc(), t.id.desc()),
    partnerOwned('audit_log', t.partnerId),
  ],
);
