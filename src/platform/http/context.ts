import type { FastifyRequest } from 'fastify';
import type { Config } from '../../config.js';
import { sha256 } from '../crypto.js';
import type { Ctx } from '../context.js';
import type { Database } from '../db/database.js';
import { invalid } from '../errors.js';

const KEY = /^[\x21-\x7e]{1,200}$/;

/** The use-case context of a request: its actor, its request id, and its Idempotency-Key when sent. */
export function contextOf(request: FastifyRequest, db: Database, config: Config): Ctx {
  const header = request.headers['idempotency-key'];
  let idempotencyKey: string | null = null;
  if (header !== undefined) {
    if (typeof header !== 'string' || !KEY.test(header)) {
      throw invalid('Idempotency-Key', 'must be 1 to 200 printable ASCII characters');
    }
    idempotencyKey = header;
  }
  return {
    db,
    config,
    actor: request.actor,
    requestId: request.id,
    ip: request.ip,
    userAgent: request.headers['user-agent'] ?? null,
    idempotencyKey,
    requestHash: idempotencyKey
      ? sha256(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`)
      : null,
  };
}
