import { sql } from 'drizzle-orm';
import type { Tx } from './database.js';

/**
 * Runs a statement that may fail on a constraint inside a savepoint, so the caller can turn the failure into a
 * clear error while the transaction stays usable.
 */
export async function attempt<T>(tx: Tx, fn: () => Promise<T>): Promise<T> {
  await tx.execute(sql`savepoint attempt`);
  try {
    const result = await fn();
    await tx.execute(sql`release savepoint attempt`);
    return result;
  } catch (error) {
    await tx.execute(sql`rollback to savepoint attempt`);
    throw error;
  }
}
