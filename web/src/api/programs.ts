/** Shapes of the program-design API (programs, tiers, benefits, matrix, ecosystem, enrollments, ladders). */

export const PROGRAM_TYPES = [
  'reseller',
  'referral',
  'affiliate',
  'msp',
  'system_integrator',
  'technology',
  'consulting',
  'marketplace',
  'alliance',
] as const;
export type ProgramType = (typeof PROGRAM_TYPES)[number];

export const PROGRAM_STATUSES = ['planning', 'active', 'paused', 'completed', 'sunset'] as const;
export type ProgramStatus = (typeof PROGRAM_STATUSES)[number];

export interface Program {
  id: string;
  type: 'partner_program';
  key: string;
  name: string;
  description: string;
  programType: ProgramType;
  currency: string;
  status: ProgramStatus;
  /** Where the status may move next (empty when final). */
  nextStatuses: ProgramStatus[];
  tags: string[];
  revenueSeasoningDays: number;
  demotionGraceDays: number;
  productIds: string[];
  policies: Record<string, Record<string, unknown>>;
  archivedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ProgramStatusChange {
  id: string;
  fromStatus: string | null;
  toStatus: string;
  reason: string;
  actor: string;
  at: string;
}

export const METRICS = [
  'revenue_12m',
  'deals_won_12m',
  'pipeline_open',
  'certified_people',
  'specializations',
  'active_customers',
  'customer_nps',
  'customer_retention_12m',
] as const;
export type Metric = (typeof METRICS)[number];
export const OPERATORS = ['>=', '>', '=', '<=', '<'] as const;
export type Operator = (typeof OPERATORS)[number];

export interface Criterion {
  metric: Metric;
  op: Operator;
  /** Money metrics in minor units of the program currency; retention in percent. */
  value: number;
  certification?: string;
  specialization?: string;
}

export interface Tier {
  id: string;
  type: 'partner_tier';
  programId: string;
  key: string;
  name: string;
  /** 1 is the entry tier. */
  rank: number;
  description: string;
  invitationOnly: boolean;
  criteria: Criterion[];
  /** Each criterion as a person reads it. */
  requirements: string[];
  badge: { contentType: string; sha256: string; url: string } | null;
  createdAt: string;
  updatedAt: string;
}

export const VALUE_TYPES = ['boolean', 'percent', 'money', 'quantity', 'days', 'text'] as const;
export type ValueType = (typeof VALUE_TYPES)[number];
export const BENEFIT_CATEGORIES = [
  'sales',
  'financial',
  'marketing',
  'enablement',
  'support',
  'technical',
  'recognition',
] as const;
export const BENEFIT_KEYS = [
  'deal_protection_days',
  'commission_rate',
  'resale_discount',
  'mdf_allocation',
  'lead_priority',
  'dedicated_cam',
  'not_for_resale_licenses',
] as const;

export interface Benefit {
  id: string;
  key: (typeof BENEFIT_KEYS)[number] | null;
  name: string;
  description: string;
  category: (typeof BENEFIT_CATEGORIES)[number];
  valueType: ValueType;
  archivedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** boolean → true/false; percent → 0–100 (≤ 2 decimals); money → minor units; quantity, days → whole; text. */
export type BenefitValue = boolean | number | string;

export interface Matrix {
  programId: string;
  currency: string;
  tiers: { id: string; key: string; name: string; rank: number }[];
  benefits: Benefit[];
  values: { tierId: string; benefitId: string; value: BenefitValue; display: string }[];
}

export const ECOSYSTEM_TYPES = [
  'integration_partner',
  'partner_revenue_share',
  'api_ecosystem',
  'developer_portal',
] as const;
export type EcosystemType = (typeof ECOSYSTEM_TYPES)[number];

export interface EcosystemNode {
  id: string;
  programId: string;
  type: EcosystemType;
  title: string;
  description: string;
  /** null for revenue share plans, which have no lifecycle. */
  status: string | null;
  nextStatuses: string[];
  tags: string[];
  /** integration_partner: integrationType; partner_revenue_share: shareModel, sharePercentage;
   *  api_ecosystem: apiStyle; developer_portal: portalUrl, sandboxAvailable. */
  properties: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

export const ENROLLMENT_STATUSES = [
  'draft',
  'submitted',
  'approved',
  'active',
  'rejected',
  'suspended',
  'terminated',
] as const;
export type EnrollmentStatus = (typeof ENROLLMENT_STATUSES)[number];

export interface Enrollment {
  id: string;
  partnerId: string;
  partnerName: string;
  programId: string;
  programName: string;
  tierId: string | null;
  tierName: string | null;
  status: EnrollmentStatus;
  camUserId: string | null;
  camName: string | null;
  startDate: string | null;
  renewalDate: string | null;
  submittedAt: string | null;
  approvedAt: string | null;
  activatedAt: string | null;
  firstDealAt: string | null;
  daysToFirstDeal: number | null;
  agreement: { id: string; version: number; title: string; accepted: boolean; acceptBy: string | null } | null;
  createdAt: string;
  updatedAt: string;
}

export interface EnrollmentEvent {
  id: string;
  kind: 'status' | 'tier';
  from: string | null;
  to: string | null;
  reason: string;
  actor: string;
  at: string;
}

export interface TierChange {
  id: string;
  fromTier: string | null;
  toTier: string | null;
  reason: string;
  actor: string;
  at: string;
}

/** A program as a partner sees it: its ladder, benefits by tier, and where the partner stands. */
export interface Ladder {
  program: Pick<Program, 'id' | 'name' | 'description' | 'programType' | 'currency' | 'status'>;
  tiers: Tier[];
  matrix: Matrix;
  enrollment: { id: string; status: EnrollmentStatus; tierId: string | null; tierName: string | null } | null;
}

export interface ProgramTemplate {
  id: string;
  name: string;
  description: string;
  programType: ProgramType;
  currency: string;
  tiers: string[];
}

export interface PlanChange {
  op: 'create' | 'update' | 'delete';
  kind: string;
  path: string;
  fields?: { field: string; from: unknown; to: unknown }[];
}

export interface PlanResult {
  key: string;
  programId: string | null;
  changes: PlanChange[];
  summary: string;
}
