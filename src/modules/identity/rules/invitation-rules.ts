import type { Actor } from '../../../platform/access/actor.js';
import { isPartnerRole, isVendorRole, type Role } from '../../../platform/access/roles.js';
import type { FieldError } from '../../../platform/errors.js';

/**
 * Who may invite whom, beyond the permission table: a vendor user is invited only by an admin; partner users
 * by vendor staff with `user.invite` or by their own partner admin; the role must fit the side.
 */
export function invitationProblems(
  actor: Actor,
  target: { role: Role; partnerId: string | null },
): FieldError[] {
  if (target.partnerId === null) {
    if (!isVendorRole(target.role)) return [{ field: 'role', message: 'a vendor user needs a vendor role' }];
    if (actor.type !== 'system' && (actor.type === 'anonymous' || actor.role !== 'admin')) {
      return [{ field: 'role', message: 'only an admin may invite vendor users' }];
    }
    return [];
  }
  if (!isPartnerRole(target.role)) return [{ field: 'role', message: 'a partner user needs partner_admin or partner_member' }];
  return [];
}
