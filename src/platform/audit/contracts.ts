import { z } from 'zod';
import { pageQuery } from '../http/pagination.js';

export const auditEntryView = z
  .object({
    id: z.uuid(),
    at: z.iso.datetime(),
    actor: z.object({
      type: z.enum(['user', 'api_key', 'system', 'anonymous']),
      id: z.string().nullable(),
      label: z.string(),
    }),
    action: z.string(),
    objectType: z.string(),
    objectId: z.string(),
    partnerId: z.uuid().nullable(),
    before: z.record(z.string(), z.unknown()).nullable(),
    after: z.record(z.string(), z.unknown()).nullable(),
    requestId: z.string().nullable(),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntryView = z.infer<typeof auditEntryView>;

export const listAuditQuery = pageQuery.extend({
  objectType: z.string().max(100).optional(),
  objectId: z.string().max(100).optional(),
  actorId: z.string().max(100).optional(),
  action: z.string().max(100).optional(),
  /** Everything that concerns one partner company (a partner's own users always see only theirs). */
  partnerId: z.uuid().optional(),
});
export type ListAuditQuery = z.infer<typeof listAuditQuery>;
