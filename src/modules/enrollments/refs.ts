import type { Tx } from '../../platform/db/database.js';
import { staffRefs } from '../identity/users.service.js';
import { partnerRefs } from '../partners/service.js';
import { programRefs, tierRefs } from '../programs/refs.js';

type MemberRow = { partnerId: string; programId: string; tierId: string | null; camUserId: string | null };

/**
 * The names around a partner's place in a program — partner, program, tier, channel manager — looked up in batches.
 * One after another: a transaction has one connection, and `pg` refuses queries started together on it.
 */
export async function memberRefs(tx: Tx, rows: MemberRow[]) {
  return {
    partners: await partnerRefs(
      tx,
      rows.map((r) => r.partnerId),
    ),
    programs: await programRefs(
      tx,
      rows.map((r) => r.programId),
    ),
    tiers: await tierRefs(
      tx,
      rows.map((r) => r.tierId),
    ),
    cams: await staffRefs(
      tx,
      rows.map((r) => r.camUserId),
    ),
  };
}
