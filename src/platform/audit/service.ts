import { and, desc, eq } from 'drizzle-orm';
import { actorPartnerId } from '../access/actor.js';
import { requireAccess } from '../access/require-access.js';
import type { Ctx } from '../context.js';
import { after, decodeCursor, type Page, toPage } from '../http/pagination.js';
import { read } from '../unit-of-work.js';
import type { AuditEntryView, ListAuditQuery } from './contracts.js';
import { auditLog } from './schema.js';

type Row = typeof auditLog.$inferSelect;

const view = (r: Row): AuditEntryView => ({
  id: r.id,
  at: r.at.toISOString(),
  actor: { type: r.actorType, id: r.actorId, label: r.actorLabel },
  action: r.action,
  objectType: r.objectType,
  objectId: r.objectId,
  partnerId: r.partnerId,
  before: (r.before as Record<string, unknown> | null) ?? null,
  after: (r.after as Record<string, unknown> | null) ?? null,
  requestId: r.requestId,
});

/** The audit log, newest first; a partner admin sees only its own partner's entries. */
export async function listAudit(ctx: Ctx, q: ListAuditQuery): Promise<Page<AuditEntryView>> {
  requireAccess(ctx.actor, 'audit.read');
  const own = actorPartnerId(ctx.actor);
  const cursor = decodeCursor(q.cursor);
  const rows = await read(ctx, (tx) =>
    tx
      .select()
      .from(auditLog)
      .where(
        and(
          own ? eq(auditLog.partnerId, own) : undefined,
          q.objectType ? eq(auditLog.objectType, q.objectType) : undefined,
          q.objectId ? eq(auditLog.objectId, q.objectId) : undefined,
          q.actorId ? eq(auditLog.actorId, q.actorId) : undefined,
          q.action ? eq(auditLog.action, q.action) : undefined,
          q.partnerId ? eq(auditLog.partnerId, q.partnerId) : undefined,
          after(cursor, auditLog.at, auditLog.id),
        ),
      )
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(q.limit + 1),
  );
  return toPage(rows, q.limit, (r) => ({ at: r.at, id: r.id }), view);
}
