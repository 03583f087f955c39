import { randomUUID } from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import { requireAccess } from '../access/require-access.js';
import type { Ctx } from '../context.js';
import type { Tx } from '../db/database.js';
import { notFound } from '../errors.js';
import { after, decodeCursor, MAX_PAGE_SIZE, type Page, toPage } from '../http/pagination.js';
import { insertJob } from '../jobs/enqueue.js';
import { read } from '../unit-of-work.js';
import type { ListMailQuery, MailView } from './contracts.js';
import { mailMessages } from './schema.js';
import { MAIL_SEND_JOB } from './send.js';

export { MAIL_SEND_JOB, registerMailJobs, sendQueuedMail, type MailJobDeps } from './send.js';

export type QueueMailInput = { to: string; subject: string; text: string; template: string };

// with the 1 s base backoff, 12 attempts keep trying for about an hour through an SMTP outage
export const MAIL_MAX_ATTEMPTS = 12;

/**
 * Records a message and its `mail.send` job in the caller's transaction: the mail goes out only if the change
 * that wrote it commits. Works in any scope (partners may append mail but not read it, hence no RETURNING).
 */
export async function queueMail(tx: Tx, input: QueueMailInput): Promise<{ id: string }> {
  const id = randomUUID();
  await tx
    .insert(mailMessages)
    .values({ id, to: input.to, subject: input.subject, text: input.text, template: input.template });
  await insertJob(tx, MAIL_SEND_JOB, { messageId: id }, { dedupeKey: `mail:${id}`, maxAttempts: MAIL_MAX_ATTEMPTS });
  return { id };
}

type MailRow = typeof mailMessages.$inferSelect;

const view = (row: MailRow): MailView => ({
  id: row.id,
  to: row.to,
  subject: row.subject,
  text: row.text,
  template: row.template,
  status: row.status,
  error: row.error,
  createdAt: row.createdAt.toISOString(),
  sentAt: row.sentAt ? row.sentAt.toISOString() : null,
});

/** Messages newest first, for the console's outbox; `to` matches the recipient regardless of case. */
export async function listMail(
  ctx: Ctx,
  q: Partial<Pick<ListMailQuery, 'cursor' | 'limit' | 'to'>>,
): Promise<Page<MailView>> {
  requireAccess(ctx.actor, 'mail.read');
  const cursor = decodeCursor(q.cursor);
  const limit = Math.min(Math.max(q.limit ?? 25, 1), MAX_PAGE_SIZE);
  const rows = await read(ctx, (tx) =>
    tx
      .select()
      .from(mailMessages)
      .where(
        and(
          q.to ? eq(sql`lower(${mailMessages.to})`, q.to.toLowerCase()) : undefined,
          after(cursor, mailMessages.createdAt, mailMessages.id),
        ),
      )
      .orderBy(desc(mailMessages.createdAt), desc(mailMessages.id))
      .limit(limit + 1),
  );
  return toPage(rows, limit, (r) => ({ at: r.createdAt, id: r.id }), view);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function getMail(ctx: Ctx, id: string): Promise<MailView> {
  requireAccess(ctx.actor, 'mail.read');
  // anything that is not a uuid cannot name a message; asking the database would be a type error, not a 404
  if (!UUID.test(id)) throw notFound('Message');
  const [row] = await read(ctx, (tx) => tx.select().from(mailMessages).where(eq(mailMessages.id, id)));
  if (!row) throw notFound('Message');
  return view(row);
}
