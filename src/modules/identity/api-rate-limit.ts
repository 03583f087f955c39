import { and, eq, lt, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.js';
import type { Database } from '../../platform/db/database.js';
import { sendProblem } from '../../platform/http/problem.js';
import { rateVerdict, rateWindowStart } from './rules/rate-limit.js';
import { apiRateLimits } from './schema.js';

const system = { kind: 'system' } as const;

/** Counts one request of a key in the current window, across every instance sharing the database. */
export async function countRequest(db: Database, keyId: string, now: Date): Promise<number> {
  const windowStart = rateWindowStart(now);
  return db.run(system, async (tx) => {
    const [row] = await tx
      .insert(apiRateLimits)
      .values({ keyId, windowStart, count: 1 })
      .onConflictDoUpdate({
        target: [apiRateLimits.keyId, apiRateLimits.windowStart],
        set: { count: sql`${apiRateLimits.count} + 1` },
      })
      .returning({ count: apiRateLimits.count });
    // the first request of a window clears the key's old windows, so the table stays one row per active key
    if (row!.count === 1) {
      await tx
        .delete(apiRateLimits)
        .where(and(eq(apiRateLimits.keyId, keyId), lt(apiRateLimits.windowStart, windowStart)));
    }
    return row!.count;
  });
}

/**
 * Limits each API key to TRELLIS_API_RATE_LIMIT requests a minute: every answer to a key carries the
 * RateLimit headers, and a request over the limit gets 429 with Retry-After. Browser sessions are not
 * counted here (sign-in is throttled on its own, and a person clicking cannot flood the API the way a script
 * can). Registered after authentication, which tells who the caller is.
 */
export function registerApiRateLimit(app: FastifyInstance, deps: { db: Database; config: Config }): void {
  const limit = deps.config.apiRateLimit;
  if (limit === 0) return;
  app.addHook('onRequest', async (request, reply) => {
    if (request.authVia !== 'api_key' || request.actor.type !== 'api_key') return;
    const now = new Date();
    const verdict = rateVerdict(await countRequest(deps.db, request.actor.id, now), limit, now);
    void reply
      .header('ratelimit-limit', String(limit))
      .header('ratelimit-remaining', String(verdict.remaining))
      .header('ratelimit-reset', String(verdict.resetSeconds));
    if (!verdict.allowed) {
      void reply.header('retry-after', String(verdict.resetSeconds));
      return sendProblem(
        request,
        reply,
        'rate_limited',
        `This API key may make ${limit} requests a minute; try again in ${verdict.resetSeconds} seconds`,
      );
    }
  });
}
