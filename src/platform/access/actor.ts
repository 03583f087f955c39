import type { Scope } from '../db/database.js';
import type { Role } from './roles.js';

/** Who is acting. Built once per request (or by the CLI and jobs) and passed to every use case. */
export type Actor =
  | { type: 'user'; id: string; label: string; role: Role; partnerId: string | null; sessionId: string | null }
  | { type: 'api_key'; id: string; label: string; role: Role; partnerId: string | null }
  | { type: 'system'; id: null; label: string }
  | { type: 'anonymous'; id: null; label: 'anonymous' };

export const systemActor = (label = 'system'): Actor => ({ type: 'system', id: null, label });
export const anonymousActor: Actor = { type: 'anonymous', id: null, label: 'anonymous' };

/** The partner an actor belongs to, or null for vendor staff, the system and anonymous callers. */
export function actorPartnerId(actor: Actor): string | null {
  return actor.type === 'user' || actor.type === 'api_key' ? actor.partnerId : null;
}

/** The database scope a transaction of this actor runs in; RLS reads it. */
export function scopeOf(actor: Actor): Scope {
  const partnerId = actorPartnerId(actor);
  if (partnerId) return { kind: 'partner', partnerId };
  if (actor.type === 'system' || actor.type === 'anonymous') return { kind: 'system' };
  return { kind: 'vendor' };
}
