import type { Ctx } from '../../platform/context.js';
import type { Tx } from '../../platform/db/database.js';
import { tierBenefitNumber } from '../programs/refs.js';
import { dealApprovedMail } from './mails.js';
import { moveDeal } from './moves.js';
import { mailPartner } from './recipients.js';
import { approvedStatus, type DealMover } from './rules/lifecycle.js';
import { addDays, protectionDaysFor } from './rules/protection.js';
import type { DealSettingsRow } from './settings.service.js';
import type { DealRow } from './views.js';

const PROTECTION_BENEFIT = 'deal_protection_days';

/** The tier's `deal_protection_days` (benefit ladder), else the program's default. */
export async function protectionDaysOf(
  tx: Tx,
  row: Pick<DealRow, 'tierId'>,
  settings: Pick<DealSettingsRow, 'protectionDays'>,
): Promise<number> {
  const tierDays = row.tierId ? await tierBenefitNumber(tx, row.tierId, PROTECTION_BENEFIT) : null;
  return protectionDaysFor(tierDays, settings.protectionDays);
}

/**
 * Approves a registration, by a channel manager or the program's auto-approval rule: protected for
 * `protectionDays` from `at` (approved without an end at 0 days), and the partner is mailed — with the channel
 * manager's reason when `resolvedConflict` (the note is then why the conflict went the partner's way).
 */
export async function approveRow(
  tx: Tx,
  ctx: Pick<Ctx, 'actor' | 'requestId' | 'config'>,
  row: DealRow,
  approval: { by: DealMover; note: string; at: Date; protectionDays: number; resolvedConflict?: boolean },
): Promise<DealRow> {
  const { protectionDays: days, at } = approval;
  const status = approvedStatus(days);
  const next = await moveDeal(tx, ctx, row, status, approval.by, approval.note, {
    decidedAt: at,
    decidedBy: ctx.actor.label,
    decisionReason: approval.note || null,
    protectionDays: status === 'protected' ? days : null,
    protectedUntil: status === 'protected' ? addDays(at, days) : null,
  });
  await mailPartner(tx, ctx, next, dealApprovedMail, {
    protectionText: next.protectedUntil
      ? `It is protected until ${next.protectedUntil.toISOString().slice(0, 10)}.`
      : '',
    reasonText:
      approval.resolvedConflict && approval.note
        ? `\n\nThe conflict was resolved in your favour. Reason: ${approval.note}`
        : '',
  });
  return next;
}
