import { and, eq, isNull, lte } from 'drizzle-orm';
import type { Config } from '../../config.js';
import { systemActor } from '../../platform/access/actor.js';
import type { Database } from '../../platform/db/database.js';
import type { EventJobPayload, JobRegistry } from '../../platform/jobs/registry.js';
import type { MailTemplateDef } from '../../platform/mail/templates.js';
import { partnerOfActor } from '../identity/users.service.js';
import { amountText } from './csv.js';
import { NOTIFY_HOLDER_LAPSED_JOB, notifyHolderLapsed } from './holder-lapsed.js';
import {
  dealExpiredMail,
  dealExpiringMail,
  dealExtensionRequestedMail,
  dealLostByPartnerMail,
  dealSubmittedMail,
  dealWonByPartnerMail,
} from './mails.js';
import { changeDeal, moveDeal } from './moves.js';
import { closeVars, mailPartner, mailReviewers } from './recipients.js';
import { FINAL_DEAL_STATUSES } from './rules/lifecycle.js';
import { addDays, EXPIRY_WARNING_DAYS, needsExpiryWarning } from './rules/protection.js';
import { deals } from './schema.js';
import { settingsFor } from './settings.service.js';
import type { DealRow } from './views.js';

export const PROTECTION_JOB = 'deals.protection';
export const NOTIFY_REVIEWER_JOB = 'deals.notify_reviewer';
// closing emits `deal.<outcome>` like every move; the reviewer hears only of the partner's own closes
const CLOSE_TOPICS = ['deal.won', 'deal.lost'];
const HOUR_SECONDS = 60 * 60;
const BATCH = 100;
const as = { actor: systemActor('deal protection'), requestId: null };
const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : '');

type ActorRef = { type?: unknown; id?: unknown } | undefined;
export type DealJobDeps = { db: Database; config: Pick<Config, 'publicUrl'> };

/** The mail a reviewer gets for an event on a registration, and its own placeholders. */
function reviewerMail(topic: string, row: DealRow): { def: MailTemplateDef; vars: Record<string, string> } {
  if (topic === 'deal.extension_requested')
    return {
      def: dealExtensionRequestedMail,
      vars: { protectedUntil: day(row.protectedUntil), reason: row.extensionReason ?? '' },
    };
  if (CLOSE_TOPICS.includes(topic))
    return { def: topic === 'deal.won' ? dealWonByPartnerMail : dealLostByPartnerMail, vars: closeVars(row) };
  return {
    def: dealSubmittedMail,
    vars: {
      amount: amountText(row.amount, row.currency),
      closeDate: row.expectedCloseDate ?? '',
      conflictText: topic === 'deal.conflict' ? 'It conflicts with an earlier registration or a house account.' : '',
      dueDate: day(row.slaDueAt),
    },
  };
}

/**
 * Tells the channel manager of a new submission, a conflict, an extension request or a partner's close (won or
 * lost; a close by the vendor's own side mails the partner instead). It runs from the outbox after the partner's
 * transaction, as the system: a partner's scope may not read who its reviewers are.
 */
export async function notifyReviewer(deps: DealJobDeps, event: EventJobPayload): Promise<void> {
  const dealId = String(event.payload.objectId ?? '');
  await deps.db.run({ kind: 'system' }, async (tx) => {
    const [row] = await tx.select().from(deals).where(eq(deals.id, dealId));
    if (!row) return;
    if (CLOSE_TOPICS.includes(event.topic) && !(await partnerOfActor(tx, event.payload.actor as ActorRef))) return;
    const { def, vars } = reviewerMail(event.topic, row);
    await mailReviewers(tx, deps, row, def, vars);
  });
}

/**
 * Ends protection that ran out (the customer is free again) and mails the partner; mails a week before, once.
 * Each registration is changed under its row lock, and only while still protected, so concurrent or repeated
 * runs do nothing twice. Returns how many expired and how many were warned.
 */
export async function runProtection(deps: DealJobDeps, now = new Date()): Promise<{ expired: number; warned: number }> {
  let expired = 0;
  let warned = 0;
  for (;;) {
    const found = await deps.db.run({ kind: 'system' }, async (tx) => {
      const due = await tx
        .select()
        .from(deals)
        .where(and(eq(deals.status, 'protected'), lte(deals.protectedUntil, now)))
        .limit(BATCH)
        .for('update', { skipLocked: true });
      for (const row of due) {
        const next = await moveDeal(tx, as, row, 'expired', 'system', '', { closedAt: now });
        await mailPartner(tx, deps, next, dealExpiredMail, { protectedUntil: day(next.protectedUntil) });
      }
      expired += due.length;
      return due.length;
    });
    if (found < BATCH) break;
  }
  for (;;) {
    const found = await deps.db.run({ kind: 'system' }, async (tx) => {
      const soon = await tx
        .select()
        .from(deals)
        .where(
          and(
            eq(deals.status, 'protected'),
            isNull(deals.expiryWarnedAt),
            lte(deals.protectedUntil, addDays(now, EXPIRY_WARNING_DAYS)),
          ),
        )
        .limit(BATCH)
        .for('update', { skipLocked: true });
      for (const row of soon.filter((r) => needsExpiryWarning(r, now))) {
        const settings = await settingsFor(tx, row.programId);
        const next = await changeDeal(
          tx,
          as,
          row,
          { expiryWarnedAt: now },
          { action: 'deal.expiry_warned', kind: 'expiry_warned' },
        );
        await mailPartner(tx, deps, next, dealExpiringMail, {
          protectedUntil: day(next.protectedUntil),
          extensionText:
            row.extensionStatus === 'none' && settings.extensionDays > 0
              ? ` (${settings.extensionDays} days, once)`
              : '',
        });
      }
      warned += soon.length;
      return soon.length;
    });
    if (found < BATCH) break;
  }
  return { expired, warned };
}

/** The hourly protection run and the reviewer mails; the server calls this once on the registry it builds. */
export function registerDealJobs(registry: JobRegistry, deps: DealJobDeps): void {
  registry.handle(PROTECTION_JOB, async (_job, { log }) => {
    const result = await runProtection(deps);
    if (result.expired || result.warned) log.info(result, 'Deal protection checked');
  });
  registry.schedule(PROTECTION_JOB, HOUR_SECONDS, PROTECTION_JOB);
  registry.handle(NOTIFY_REVIEWER_JOB, async (job) => notifyReviewer(deps, job.payload as unknown as EventJobPayload));
  for (const topic of ['deal.submitted', 'deal.conflict', 'deal.extension_requested', ...CLOSE_TOPICS])
    registry.subscribe(topic, NOTIFY_REVIEWER_JOB);
  registry.handle(NOTIFY_HOLDER_LAPSED_JOB, async (job) =>
    notifyHolderLapsed(deps, job.payload as unknown as EventJobPayload),
  );
  // every final status is a move out of the active ones (or of a conflict, which the handler passes over)
  for (const status of FINAL_DEAL_STATUSES) registry.subscribe(`deal.${status}`, NOTIFY_HOLDER_LAPSED_JOB);
}
