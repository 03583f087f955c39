import { AppError, forbidden, notFound } from '../errors.js';
import type { Actor } from './actor.js';
import { actorPartnerId } from './actor.js';
import { type Action, roleMay } from './permissions.js';

/**
 * The one gate every use case passes. Without `owner`, it checks the role may do `action` at all. With
 * `owner` (the object's partner, or null for vendor-owned objects) a partner actor may touch only its own
 * partner's objects; anything else is answered as "not found" so that its existence does not leak.
 * The system actor (jobs, operator CLI) may do everything.
 */
export function requireAccess(actor: Actor, action: Action, owner?: { partnerId: string | null; what?: string }): void {
  if (actor.type === 'anonymous') throw new AppError('unauthenticated', 'Sign in first');
  if (actor.type === 'system') return;
  const partnerId = actorPartnerId(actor);
  if (owner && partnerId && owner.partnerId !== partnerId) throw notFound(owner.what);
  if (!roleMay(actor.role, action)) throw forbidden(`Your role (${actor.role}) may not do ${action}`);
}

/** True when the actor may do `action` (for listing what a user can do; use cases call requireAccess). */
export function may(actor: Actor, action: Action): boolean {
  if (actor.type === 'system') return true;
  if (actor.type === 'anonymous') return false;
  return roleMay(actor.role, action);
}
