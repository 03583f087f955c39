import { and, eq, lt, sql } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { rateLimits } from './schema.js';
import { rateVerdict, type RateVerdict, windowStart } from './window.js';

const system = { kind: 'system' } as const;

/**
 * Counts one request in `bucket` (e.g. `api_key:<id>`) and says whether it is within `limit` per `windowMs`.
 * One upsert, atomic across every instance sharing the database.
 */
export async function hit(
  db: Database,
  bucket: string,
  limit: number,
  windowMs: number,
  now = new Date(),
): Promise<RateVerdict> {
  const start = windowStart(now, windowMs);
  const count = await db.run(system, async (tx) => {
    const [row] = await tx
      .insert(rateLimits)
      .values({ bucket, windowStart: start, count: 1 })
      .onConflictDoUpdate({
        target: [rateLimits.bucket, rateLimits.windowStart],
        set: { count: sql`${rateLimits.count} + 1` },
      })
      .returning({ count: rateLimits.count });
    // the first request of a window clears the bucket's old windows: one row per active bucket
    if (row!.count === 1) {
      await tx.delete(rateLimits).where(and(eq(rateLimits.bucket, bucket), lt(rateLimits.windowStart, start)));
    }
    return row!.count;
  });
  return rateVerdict(count, limit, windowMs, now);
}

/** Deletes windows older than a day: buckets that were never hit again (an address that asked once) stay no longer. */
export async function purgeOldWindows(db: Database): Promise<number> {
  const deleted = await db.run(system, (tx) =>
    tx
      .delete(rateLimits)
      .where(lt(rateLimits.windowStart, sql`now() - interval '1 day'`))
      .returning({ bucket: rateLimits.bucket }),
  );
  return deleted.length;
}
