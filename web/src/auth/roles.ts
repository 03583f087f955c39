import type { PartnerRole, Role, User, VendorRole } from '../api/types';

export const VENDOR_ROLES: VendorRole[] = ['admin', 'channel_manager', 'finance', 'marketing', 'viewer'];
export const PARTNER_ROLES: PartnerRole[] = ['partner_admin', 'partner_member'];

const ROLE_LABELS: Record<Role, string> = {
  admin: 'Admin',
  channel_manager: 'Channel manager',
  finance: 'Finance',
  marketing: 'Marketing',
  viewer: 'Viewer',
  partner_admin: 'Partner admin',
  partner_member: 'Partner member',
};

export function roleLabel(role: string): string {
  return ROLE_LABELS[role as Role] ?? role;
}

export function roleOptions(roles: readonly Role[]): { value: string; label: string }[] {
  return roles.map((role) => ({ value: role, label: roleLabel(role) }));
}

/**
 * Actions the web app shows or hides controls for. The session answers the user's permissions; this table (the
 * same as the server's) is the fallback. The server decides for real on every request.
 */
export type Permission =
  | 'product.write'
  | 'program.read'
  | 'program.write'
  | 'benefit.read'
  | 'benefit.write'
  | 'enrollment.read'
  | 'enrollment.write'
  | 'enrollment.apply'
  | 'application.read'
  | 'application.review'
  | 'application.configure'
  | 'agreement.read'
  | 'agreement.write'
  | 'agreement.accept'
  | 'onboarding.read'
  | 'onboarding.tick'
  | 'onboarding.configure'
  | 'ladder.read'
  | 'deal.read'
  | 'deal.register'
  | 'deal.review'
  | 'deal.close'
  | 'deal.configure'
  | 'house_account.read'
  | 'house_account.write'
  | 'graph.read'
  | 'partner.write'
  | 'partner.profile'
  | 'user.manage'
  | 'user.invite'
  | 'apikey.manage'
  | 'audit.read'
  | 'mail.read'
  | 'mail.template';

const VENDOR: readonly Role[] = ['admin', 'channel_manager', 'finance', 'marketing', 'viewer'];
const EVERYONE: readonly Role[] = [...VENDOR, 'partner_admin', 'partner_member'];

const GRANTS: Record<Permission, readonly Role[]> = {
  'product.write': ['admin', 'channel_manager', 'marketing'],
  'program.read': VENDOR,
  'program.write': ['admin', 'channel_manager'],
  'benefit.read': VENDOR,
  'benefit.write': ['admin', 'channel_manager'],
  'enrollment.read': EVERYONE,
  'enrollment.write': ['admin', 'channel_manager'],
  'enrollment.apply': ['partner_admin'],
  'application.read': ['admin', 'channel_manager', 'viewer'],
  'application.review': ['admin', 'channel_manager'],
  'application.configure': ['admin', 'channel_manager'],
  'agreement.read': EVERYONE,
  'agreement.write': ['admin', 'channel_manager'],
  'agreement.accept': ['partner_admin'],
  'onboarding.read': EVERYONE,
  'onboarding.tick': ['admin', 'channel_manager', 'partner_admin', 'partner_member'],
  'onboarding.configure': ['admin', 'channel_manager'],
  'ladder.read': EVERYONE,
  'deal.read': EVERYONE,
  'deal.register': ['partner_admin', 'partner_member'],
  'deal.review': ['admin', 'channel_manager'],
  'deal.close': ['admin', 'channel_manager', 'partner_admin', 'partner_member'],
  'deal.configure': ['admin', 'channel_manager'],
  'house_account.read': VENDOR,
  'house_account.write': ['admin', 'channel_manager'],
  'graph.read': VENDOR,
  'partner.write': ['admin', 'channel_manager'],
  'partner.profile': ['partner_admin'],
  'user.manage': ['admin', 'partner_admin'],
  'user.invite': ['admin', 'channel_manager', 'partner_admin'],
  'apikey.manage': ['admin', 'partner_admin'],
  'audit.read': ['admin', 'channel_manager', 'finance', 'viewer', 'partner_admin'],
  'mail.read': ['admin'],
  'mail.template': ['admin'],
};

export function roleMay(role: Role, permission: Permission): boolean {
  return GRANTS[permission].includes(role);
}

/** Where a signed-in user belongs. */
export function homeFor(user: Pick<User, 'kind'>): string {
  return user.kind === 'partner' ? '/portal' : '/console';
}
