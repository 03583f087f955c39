import { eq, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { Config } from '../../config.js';
import type { Database } from '../db/database.js';
import { errorMessage } from '../jobs/lease.js';
import type { Job, JobRegistry } from '../jobs/registry.js';
import type { Mailer } from './mailer.js';
import { mailMessages } from './schema.js';

export const MAIL_SEND_JOB = 'mail.send';

export type MailJobDeps = { db: Database; mailer: Mailer | null; config: Pick<Config, 'mailFrom'> };

const system = { kind: 'system' } as const;

/**
 * Sends one queued message, or stores it when there is no SMTP. A failure is written on the message and
 * rethrown so the runner retries; on the last attempt the message ends 'failed'. Delivery is at least once:
 * a crash between the SMTP reply and the status update sends again.
 */
export async function sendQueuedMail(job: Job, deps: MailJobDeps): Promise<void> {
  const id = job.payload.messageId;
  if (typeof id !== 'string') throw new Error('mail.send: the payload has no messageId');
  const [message] = await deps.db.run(system, (tx) => tx.select().from(mailMessages).where(eq(mailMessages.id, id)));
  // deleted, or handled by an earlier run whose job outcome was lost: nothing left to do
  if (!message || message.status === 'sent' || message.status === 'stored') return;
  const setStatus = (values: PgUpdateSetSource<typeof mailMessages>) =>
    deps.db.run(system, (tx) => tx.update(mailMessages).set(values).where(eq(mailMessages.id, id)));
  if (!deps.mailer) {
    await setStatus({ status: 'stored', error: null });
    return;
  }
  try {
    await deps.mailer.sendMail({
      from: deps.config.mailFrom,
      to: message.to,
      subject: message.subject,
      text: message.text,
    });
  } catch (error) {
    const last = job.attempts >= job.maxAttempts;
    await setStatus({ status: last ? 'failed' : 'queued', error: errorMessage(error) });
    throw error;
  }
  await setStatus({ status: 'sent', sentAt: sql`now()`, error: null });
}

/** Registers the `mail.send` handler on the app's registry. */
export function registerMailJobs(registry: JobRegistry, deps: MailJobDeps): void {
  registry.handle(MAIL_SEND_JOB, (job) => sendQueuedMail(job, deps));
}
