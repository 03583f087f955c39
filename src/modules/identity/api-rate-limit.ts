import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.js';
import type { Database } from '../../platform/db/database.js';
import { sendProblem } from '../../platform/http/problem.js';
import { hit } from '../../platform/rate-limit/counter.js';

const MINUTE = 60_000;

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
    const verdict = await hit(deps.db, `api_key:${request.actor.id}`, limit, MINUTE);
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
