export const VENDOR_ROLES = ['admin', 'channel_manager', 'finance', 'marketing', 'viewer'] as const;
export const PARTNER_ROLES = ['partner_admin', 'partner_member'] as const;
export const ROLES = [...VENDOR_ROLES, ...PARTNER_ROLES] as const;

export type VendorRole = (typeof VENDOR_ROLES)[number];
export type PartnerRole = (typeof PARTNER_ROLES)[number];
export type Role = (typeof ROLES)[number];

export const isVendorRole = (role: string): role is VendorRole => (VENDOR_ROLES as readonly string[]).includes(role);
export const isPartnerRole = (role: string): role is PartnerRole => (PARTNER_ROLES as readonly string[]).includes(role);
