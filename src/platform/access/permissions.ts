import type { Role } from './roles.js';

/**
 * Permissions as data: every action a use case can ask for, and the roles allowed it. This table is the only
 * place that says who may do what; services ask `requireAccess` once per use case, and the generated access
 * tests read the same table. Partner roles are further confined to their own partner's objects.
 */
export const PERMISSIONS = {
  'product.read': ['admin', 'channel_manager', 'finance', 'marketing', 'viewer', 'partner_admin', 'partner_member'],
  'product.write': ['admin', 'channel_manager', 'marketing'],
  'program.read': ['admin', 'channel_manager', 'finance', 'marketing', 'viewer'],
  'program.write': ['admin', 'channel_manager'],
  'benefit.read': ['admin', 'channel_manager', 'finance', 'marketing', 'viewer'],
  'benefit.write': ['admin', 'channel_manager'],
  'ladder.read': ['admin', 'channel_manager', 'finance', 'marketing', 'viewer', 'partner_admin', 'partner_member'],
  'graph.read': ['admin', 'channel_manager', 'finance', 'marketing', 'viewer'],
  'enrollment.read': ['admin', 'channel_manager', 'finance', 'marketing', 'viewer', 'partner_admin', 'partner_member'],
  'enrollment.write': ['admin', 'channel_manager'],
  'enrollment.apply': ['partner_admin'],
  'application.read': ['admin', 'channel_manager', 'viewer'],
  'application.review': ['admin', 'channel_manager'],
  'application.configure': ['admin', 'channel_manager'],
  'agreement.read': ['admin', 'channel_manager', 'finance', 'marketing', 'viewer', 'partner_admin', 'partner_member'],
  'agreement.write': ['admin', 'channel_manager'],
  'agreement.accept': ['partner_admin'],
  'onboarding.read': ['admin', 'channel_manager', 'finance', 'marketing', 'viewer', 'partner_admin', 'partner_member'],
  'onboarding.tick': ['admin', 'channel_manager', 'partner_admin', 'partner_member'],
  'onboarding.configure': ['admin', 'channel_manager'],
  'deal.read': ['admin', 'channel_manager', 'finance', 'marketing', 'viewer', 'partner_admin', 'partner_member'],
  'deal.register': ['partner_admin', 'partner_member'],
  'deal.review': ['admin', 'channel_manager'],
  'deal.close': ['admin', 'channel_manager', 'partner_admin', 'partner_member'],
  'deal.configure': ['admin', 'channel_manager'],
  'house_account.read': ['admin', 'channel_manager', 'finance', 'marketing', 'viewer'],
  'house_account.write': ['admin', 'channel_manager'],
  'partner.read': ['admin', 'channel_manager', 'finance', 'marketing', 'viewer', 'partner_admin', 'partner_member'],
  'partner.write': ['admin', 'channel_manager'],
  'partner.profile': ['partner_admin'],
  'user.read': ['admin', 'channel_manager', 'finance', 'marketing', 'viewer', 'partner_admin', 'partner_member'],
  'user.manage': ['admin', 'partner_admin'],
  'user.invite': ['admin', 'channel_manager', 'partner_admin'],
  'apikey.manage': ['admin', 'partner_admin'],
  'audit.read': ['admin', 'channel_manager', 'finance', 'viewer', 'partner_admin'],
  'mail.read': ['admin'],
  'mail.template': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof PERMISSIONS;

/** Role → allowed actions, derived from the table above (for clients that show or hide controls). */
export function actionsOf(role: Role): Action[] {
  return (Object.keys(PERMISSIONS) as Action[]).filter((a) => (PERMISSIONS[a] as readonly Role[]).includes(role));
}

export function roleMay(role: Role, action: Action): boolean {
  return (PERMISSIONS[action] as readonly Role[]).includes(role);
}
