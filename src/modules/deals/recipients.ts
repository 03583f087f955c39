import type { Config } from '../../config.js';
import type { Tx } from '../../platform/db/database.js';
import { partnerAdmins, userRefs } from '../identity/users.service.js';
import type { DealRow } from './views.js';

/** Who hears about a registration on the partner's side: its owner, or the partner admins when it has none. */
export async function partnerRecipients(
  tx: Tx,
  row: Pick<DealRow, 'ownerUserId' | 'partnerId'>,
): Promise<{ name: string; email: string }[]> {
  const owner = row.ownerUserId ? (await userRefs(tx, [row.ownerUserId])).get(row.ownerUserId) : undefined;
  return owner?.active ? [owner] : partnerAdmins(tx, row.partnerId);
}

export const portalLink = (ctx: { config: Pick<Config, 'publicUrl'> }, id: string) =>
  `${ctx.config.publicUrl}/portal/deals/${id}`;
export const consoleLink = (ctx: { config: Pick<Config, 'publicUrl'> }, id: string) =>
  `${ctx.config.publicUrl}/console/deals/${id}`;
