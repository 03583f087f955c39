import type { Config } from '../config.js';
import type { Actor } from './access/actor.js';
import type { Database } from './db/database.js';

/** What a use case needs to know about its caller and surroundings; built per request, CLI call or job. */
export type Ctx = {
  db: Database;
  config: Config;
  actor: Actor;
  requestId: string | null;
  ip?: string | null;
  userAgent?: string | null;
  /** Set by the HTTP layer when the request carries an Idempotency-Key. */
  idempotencyKey?: string | null;
  /** A fingerprint of the request body, compared when a key is replayed. */
  requestHash?: string | null;
};
