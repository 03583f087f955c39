import type { Action } from '../../../platform/access/permissions.js';
import { isPartnerRole, isVendorRole, type Role } from '../../../platform/access/roles.js';
import type { FieldError } from '../../../platform/errors.js';

/** Inviting (or revoking an invitation of) vendor staff is managing users; partner users are invited. */
export const invitationAction = (partnerId: string | null): Action =>
  partnerId === null ? 'user.manage' : 'user.invite';

/** The role must fit the side: vendor roles for vendor users, partner roles for partner users. */
export function invitationProblems(target: { role: Role; partnerId: string | null }): FieldError[] {
  if (target.partnerId === null && !isVendorRole(target.role)) {
    return [{ field: 'role', message: 'a vendor user needs a vendor role' }];
  }
  if (target.partnerId !== null && !isPartnerRole(target.role)) {
    return [{ field: 'role', message: 'a partner user needs partner_admin or partner_member' }];
  }
  return [];
}
