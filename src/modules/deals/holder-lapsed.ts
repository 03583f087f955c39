import { eq } from 'drizzle-orm';
import type { EventJobPayload } from '../../platform/jobs/registry.js';
import { collisionsOf, waitingOn } from './holders.js';
import type { DealJobDeps } from './jobs.js';
import { dealConflictHolderLapsedMail } from './mails.js';
import { mailReviewers } from './recipients.js';
import { lastToLapse } from './rules/lapsed.js';
import { type DealStatus, isActive, isFinal } from './rules/lifecycle.js';
import { deals } from './schema.js';
import { dealReference } from './views.js';

export const NOTIFY_HOLDER_LAPSED_JOB = 'deals.notify_holder_lapsed';

const STATUS_TEXT: Partial<Record<DealStatus, string>> = { won: 'closed won', lost: 'closed lost' };

/**
 * When a registration leaves the active statuses, tells the reviewers of every conflict that collided with it
 * and now collides with nothing active: the CAM may resolve it (nothing moves by itself). Only the move that
 * made the last of its holders lapse mails, so a conflict with two holders hears once. Runs as the system from
 * the outbox: the move may be a partner's, whose scope must not read `deal_conflicts`.
 */
export async function notifyHolderLapsed(deps: DealJobDeps, event: EventJobPayload): Promise<void> {
  const before = (event.payload.before as { status?: DealStatus } | null)?.status;
  if (!before || !isActive(before)) return;
  const holderId = String(event.payload.objectId ?? '');
  await deps.db.run({ kind: 'system' }, async (tx) => {
    const [holder] = await tx.select().from(deals).where(eq(deals.id, holderId));
    if (!holder || !isFinal(holder.status)) return;
    const waiting = await waitingOn(tx, holder.id);
    const collisions = await collisionsOf(
      tx,
      waiting.map((w) => w.id),
    );
    for (const row of waiting) {
      const mine = collisions.get(row.id) ?? [];
      if (lastToLapse(mine) !== holder.id) continue;
      const holders = [...mine]
        .sort((x, y) => x.withNumber! - y.withNumber!)
        .map((c) => `${dealReference(c.withNumber!)} (${STATUS_TEXT[c.withStatus!] ?? c.withStatus})`)
        .join(', ');
      await mailReviewers(tx, deps, row, dealConflictHolderLapsedMail, { holders });
    }
  });
}
