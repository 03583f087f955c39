import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.js';

/**
 * The conflict check as plain SQL, shared by the service and the benchmark's bare-driver baseline so that both
 * measure the same statements. Submissions of every partner take one transaction-scoped advisory lock, so that
 * check-then-insert is atomic across any number of server processes: a fuzzy (trigram) match has no unique
 * index that could arbitrate instead. The lock is held from the check to the commit, nothing longer.
 */

/** Any number no other advisory lock of this database uses. */
export const DEAL_SUBMIT_LOCK = 7_226_115_005;

/** Waits for the lock, then answers the time it got it: submissions are stamped in the order they were checked. */
export const LOCK_SUBMISSIONS_SQL = `select clock_timestamp() as locked_at from (select pg_advisory_xact_lock(${DEAL_SUBMIT_LOCK})) as l`;

/** $1 normalized domain (or null), $2 normalized name, $3 a registration to leave out (or null). */
export const MATCHES_SQL =
  'select deal_id, house_account_id, matched_on, name_similarity, held_since from trellis_deal_matches($1, $2, $3::uuid)';

/** The same call for the service's transactions. */
export const matchesQuery = (domain: string | null, nameKey: string, exclude: string | null) =>
  sql`select deal_id, house_account_id, matched_on, name_similarity, held_since from trellis_deal_matches(${domain}, ${nameKey}, ${exclude}::uuid)`;

export const lockSubmissions = sql.raw(LOCK_SUBMISSIONS_SQL);

/** Takes the submission lock in the caller's transaction; answers when it got it. */
export async function lockForSubmission(tx: Tx): Promise<Date> {
  const result = (await tx.execute(lockSubmissions)) as unknown as { rows: { locked_at: Date | string }[] };
  return new Date(result.rows[0]!.locked_at);
}

export type Match = {
  deal_id: string | null;
  house_account_id: string | null;
  matched_on: 'domain' | 'name';
  name_similarity: number;
  held_since: Date | string | null;
};

/** Runs the check in the caller's transaction (both drivers answer `{ rows }`). */
export async function findMatches(tx: Tx, domain: string | null, nameKey: string, exclude: string | null) {
  const result = (await tx.execute(matchesQuery(domain, nameKey, exclude))) as unknown as { rows: Match[] };
  return result.rows;
}
