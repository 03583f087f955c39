/** Shapes answered by the Trellis API. */

export type VendorRole = 'admin' | 'channel_manager' | 'finance' | 'marketing' | 'viewer';
export type PartnerRole = 'partner_admin' | 'partner_member';
export type Role = VendorRole | PartnerRole;

export interface PartnerRef {
  id: string;
  name: string;
}

export interface User {
  id: string;
  email: string;
  name: string;
  kind: 'vendor' | 'partner';
  role: Role;
  partnerId: string | null;
  partner: PartnerRef | null;
  disabled: boolean;
  createdAt: string;
  lastLoginAt: string | null;
}

export interface Session {
  user: User;
  csrfToken: string;
  /** The actions the user's role allows. */
  permissions?: string[];
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const PRODUCT_STATUSES = [
  'concept',
  'validation',
  'build',
  'beta',
  'launch',
  'growth',
  'mature',
  'maintenance',
  'sunset',
] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

export interface Product {
  id: string;
  type: 'product';
  title: string;
  description: string | null;
  status: ProductStatus;
  tags: string[];
  archivedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export const PARTNER_STATUSES = ['prospect', 'onboarding', 'active', 'inactive', 'churned'] as const;
export type PartnerStatus = (typeof PARTNER_STATUSES)[number];
export const REGIONS = [
  'north_america',
  'latin_america',
  'europe',
  'middle_east',
  'africa',
  'asia_pacific',
  'oceania',
] as const;
export type Region = (typeof REGIONS)[number];
export const PARTNER_TYPES = [
  'reseller',
  'distributor',
  'referral',
  'affiliate',
  'msp',
  'system_integrator',
  'technology',
  'consulting',
  'agency',
  'marketplace',
] as const;
export type PartnerType = (typeof PARTNER_TYPES)[number];
export const COMPANY_SIZES = ['1-10', '11-50', '51-200', '201-500', '501-1000', '1001-5000', '5001+'] as const;
export type CompanySize = (typeof COMPANY_SIZES)[number];

export interface Partner {
  id: string;
  name: string;
  legalName: string;
  website: string;
  domain: string | null;
  /** ISO 3166-1 alpha-2. */
  country: string | null;
  regions: Region[];
  partnerTypes: PartnerType[];
  industries: string[];
  companySize: CompanySize | null;
  camUserId: string | null;
  camName: string | null;
  status: PartnerStatus;
  tags: string[];
  /** Vendor users only. */
  notes?: string;
  logoUrl: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface PartnerImportResult {
  dryRun?: boolean;
  rows?: number;
  created: number;
  problems: { row: number; field: string; message: string }[];
}

export interface Invitation {
  id: string;
  email: string;
  role: Role;
  partnerId: string | null;
  partner: PartnerRef | null;
  invitedBy: string | null;
  createdAt: string;
  expiresAt: string;
  acceptedAt: string | null;
  revokedAt: string | null;
}

export interface InvitationPreview {
  email: string;
  role: Role;
  partner: PartnerRef | null;
}

export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  role: Role;
  partnerId: string | null;
  partner: PartnerRef | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface CreatedApiKey {
  apiKey: ApiKey;
  secret: string;
}

export interface AuditEntry {
  id: string;
  at: string;
  actor: { type: 'user' | 'api_key' | 'system' | 'anonymous'; id: string | null; label: string };
  action: string;
  objectType: string;
  objectId: string | null;
  partnerId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  requestId: string | null;
}

export interface Mail {
  id: string;
  to: string;
  subject: string;
  text: string;
  status: 'queued' | 'stored' | 'sent' | 'failed';
  createdAt: string;
  sentAt: string | null;
}
