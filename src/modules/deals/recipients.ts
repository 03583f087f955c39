import type { Config } from '../../config.js';
import type { Tx } from '../../platform/db/database.js';
import { type MailTemplateDef, queueTemplatedMail } from '../../platform/mail/templates.js';
import { reviewersOf } from '../enrollments/lifecycle.service.js';
import { partnerAdmins, staffRefs, userRefs } from '../identity/users.service.js';
import { partnerRefs } from '../partners/service.js';
import { programRefs } from '../programs/refs.js';
import { amountText } from './csv.js';
import type { DealRow } from './views.js';

/** Who hears about a registration on the partner's side: its owner, or the partner admins when it has none. */
export async function partnerRecipients(
  tx: Tx,
  row: Pick<DealRow, 'ownerUserId' | 'partnerId'>,
): Promise<{ name: string; email: string }[]> {
  const owner = row.ownerUserId ? (await userRefs(tx, [row.ownerUserId])).get(row.ownerUserId) : undefined;
  return owner?.active ? [owner] : partnerAdmins(tx, row.partnerId);
}

/** A closed registration's own placeholders, for either side's mail: won, final amount and close date; lost, why. */
export const closeVars = (row: DealRow): Record<string, string> =>
  row.status === 'won'
    ? { amount: amountText(row.wonAmount, row.currency), closeDate: row.closeDate ?? '' }
    : { reason: row.lostReason ?? '' };

export const portalLink = (ctx: { config: Pick<Config, 'publicUrl'> }, id: string) =>
  `${ctx.config.publicUrl}/portal/deals/${id}`;
export const consoleLink = (ctx: { config: Pick<Config, 'publicUrl'> }, id: string) =>
  `${ctx.config.publicUrl}/console/deals/${id}`;

/** The placeholders every deal mail offers: the registration's reference, customer and program. */
async function dealVars(tx: Tx, row: DealRow) {
  const program = (await programRefs(tx, [row.programId])).get(row.programId);
  return { reference: `DR-${row.number}`, customerName: row.customerName, programName: program?.name ?? '' };
}

/** Mails the partner's side of a registration (see `partnerRecipients`) with the usual placeholders filled in. */
export async function mailPartner(
  tx: Tx,
  deps: { config: Pick<Config, 'publicUrl'> },
  row: DealRow,
  def: MailTemplateDef,
  extra: Record<string, string> = {},
): Promise<number> {
  const common = await dealVars(tx, row);
  const recipients = await partnerRecipients(tx, row);
  for (const to of recipients)
    await queueTemplatedMail(tx, def, to.email, {
      ...common,
      name: to.name,
      link: portalLink(deps, row.id),
      ...extra,
    });
  return recipients.length;
}

/** Who reviews a registration: its channel manager, else the partner's, else the vendor's admins. */
export async function dealReviewers(tx: Tx, row: Pick<DealRow, 'camUserId' | 'partnerId'>) {
  const cam = row.camUserId ? (await staffRefs(tx, [row.camUserId])).get(row.camUserId) : undefined;
  return cam ? [cam] : reviewersOf(tx, row.partnerId);
}

/**
 * Mails a registration's reviewers (see `dealReviewers`) with the usual placeholders filled in and a link to the
 * console. Only from a vendor or system scope: a partner's may not read who reviews it.
 */
export async function mailReviewers(
  tx: Tx,
  deps: { config: Pick<Config, 'publicUrl'> },
  row: DealRow,
  def: MailTemplateDef,
  extra: Record<string, string> = {},
): Promise<void> {
  const common = await dealVars(tx, row);
  const partnerName = (await partnerRefs(tx, [row.partnerId])).get(row.partnerId)?.name ?? '';
  for (const to of await dealReviewers(tx, row))
    await queueTemplatedMail(tx, def, to.email, {
      ...common,
      partnerName,
      ...extra,
      link: consoleLink(deps, row.id),
    });
}
