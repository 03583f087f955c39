import {
  type BENEFIT_KEYS,
  PROGRAM_STATUSES,
  PROGRAM_TYPES,
  type EcosystemType,
  type Metric,
  type Operator,
  type ProgramStatus,
  type ProgramType,
  type ValueType,
} from '../../api/programs';
import { capitalize } from '../../components/format';

export const PROGRAM_TYPE_LABELS: Record<ProgramType, string> = {
  reseller: 'Reseller',
  referral: 'Referral',
  affiliate: 'Affiliate',
  msp: 'MSP',
  system_integrator: 'System integrator',
  technology: 'Technology / ISV',
  consulting: 'Consulting',
  marketplace: 'Marketplace',
  alliance: 'Alliance',
};

export const programTypeLabel = (t: string): string => PROGRAM_TYPE_LABELS[t as ProgramType] ?? capitalize(t);

export const programTypeOptions = PROGRAM_TYPES.map((t) => ({ value: t, label: PROGRAM_TYPE_LABELS[t] }));
export const programStatusOptions = PROGRAM_STATUSES.map((s) => ({ value: s, label: capitalize(s) }));

/** The button that moves a status to `to` (a verb), given where it is now. */
export function moveLabel(from: string, to: string): string {
  if (to === 'active') return from === 'paused' ? 'Resume' : 'Activate';
  const verbs: Record<string, string> = {
    paused: 'Pause',
    completed: 'Complete',
    sunset: 'Sunset',
    beta: 'Move to beta',
    alpha: 'Back to alpha',
    ga: 'Make generally available',
    deprecated: 'Deprecate',
  };
  return verbs[to] ?? `Move to ${capitalize(to)}`;
}

/** A status as people read it (GA stays upper case). */
export function statusLabel(status: string): string {
  return status === 'ga' ? 'GA' : capitalize(status);
}

export const MOVE_HINTS: Partial<Record<ProgramStatus, string>> = {
  active: 'Partners can see the program and its ladder while it is active.',
  paused: 'Partners keep seeing the program, but nothing new happens in it until it resumes.',
  completed: 'Completing a program is final.',
  sunset: 'Sunsetting a program is final.',
};

export type MetricUnit = 'money' | 'count' | 'score' | 'percent';

export const METRIC_SPECS: Record<
  Metric,
  { label: string; unit: MetricUnit; min: number; max: number; qualifier?: 'certification' | 'specialization' }
> = {
  revenue_12m: { label: 'Won revenue, last 12 months', unit: 'money', min: 0, max: 1_000_000_000_000_000 },
  deals_won_12m: { label: 'Deals won, last 12 months', unit: 'count', min: 0, max: 1_000_000 },
  pipeline_open: { label: 'Open pipeline', unit: 'money', min: 0, max: 1_000_000_000_000_000 },
  certified_people: { label: 'Certified people', unit: 'count', min: 0, max: 100_000, qualifier: 'certification' },
  specializations: { label: 'Specializations', unit: 'count', min: 0, max: 1_000, qualifier: 'specialization' },
  active_customers: { label: 'Active customers', unit: 'count', min: 0, max: 10_000_000 },
  customer_nps: { label: 'Customer NPS (−100 to 100)', unit: 'score', min: -100, max: 100 },
  customer_retention_12m: { label: 'Customer retention, last 12 months (%)', unit: 'percent', min: 0, max: 100 },
};

export const OPERATOR_LABELS: Record<Operator, string> = {
  '>=': 'at least (≥)',
  '>': 'more than (>)',
  '=': 'exactly (=)',
  '<=': 'at most (≤)',
  '<': 'less than (<)',
};

export const VALUE_TYPE_LABELS: Record<ValueType, string> = {
  boolean: 'Yes / no',
  percent: 'Percent',
  money: 'Money',
  quantity: 'Quantity',
  days: 'Days',
  text: 'Text',
};

export type BenefitKey = (typeof BENEFIT_KEYS)[number];

/** Benefits the engines read, with the value type and category their key requires (as the server defines them). */
export const WELL_KNOWN_BENEFITS: Record<
  BenefitKey,
  { name: string; valueType: ValueType; category: string; description: string }
> = {
  deal_protection_days: {
    name: 'Deal protection',
    valueType: 'days',
    category: 'sales',
    description: 'Days an approved deal registration stays protected.',
  },
  commission_rate: {
    name: 'Commission rate',
    valueType: 'percent',
    category: 'financial',
    description: 'Commission on partner-sourced revenue.',
  },
  resale_discount: {
    name: 'Resale discount',
    valueType: 'percent',
    category: 'financial',
    description: 'Discount off list price on resold products.',
  },
  mdf_allocation: {
    name: 'MDF allocation',
    valueType: 'money',
    category: 'marketing',
    description: 'Market development funds available per year.',
  },
  lead_priority: {
    name: 'Lead priority',
    valueType: 'quantity',
    category: 'sales',
    description: 'Priority in lead distribution (1 = first).',
  },
  dedicated_cam: {
    name: 'Dedicated channel account manager',
    valueType: 'boolean',
    category: 'support',
    description: 'A named channel account manager.',
  },
  not_for_resale_licenses: {
    name: 'Not-for-resale licenses',
    valueType: 'quantity',
    category: 'enablement',
    description: 'Internal-use licenses for demos and labs.',
  },
};

export const ECOSYSTEM_SECTIONS: { type: EcosystemType; title: string; singular: string }[] = [
  { type: 'integration_partner', title: 'Integration partners', singular: 'integration partner' },
  { type: 'partner_revenue_share', title: 'Revenue share plans', singular: 'revenue share plan' },
  { type: 'api_ecosystem', title: 'API ecosystem', singular: 'API ecosystem' },
  { type: 'developer_portal', title: 'Developer portal', singular: 'developer portal' },
];

/** The statuses of each ecosystem type, first one initial (revenue share plans have none). */
export const ECOSYSTEM_STATUSES: Record<EcosystemType, string[]> = {
  integration_partner: ['alpha', 'beta', 'ga', 'deprecated'],
  partner_revenue_share: [],
  api_ecosystem: ['alpha', 'beta', 'ga', 'deprecated'],
  developer_portal: ['planning', 'active', 'paused', 'completed', 'sunset'],
};

export const INTEGRATION_TYPES = ['native', 'webhook', 'api', 'embedded'] as const;
export const SHARE_MODELS = ['percentage', 'flat_fee', 'tiered', 'hybrid'] as const;
export const API_STYLES = ['rest', 'graphql', 'grpc', 'webhook', 'mixed'] as const;

export const PROPERTY_LABELS: Record<string, string> = {
  native: 'Native',
  webhook: 'Webhook',
  api: 'API',
  embedded: 'Embedded',
  percentage: 'Percentage',
  flat_fee: 'Flat fee',
  tiered: 'Tiered',
  hybrid: 'Hybrid',
  rest: 'REST',
  graphql: 'GraphQL',
  grpc: 'gRPC',
  mixed: 'Mixed',
};

export const propertyLabel = (value: unknown): string =>
  value === null || value === undefined || value === '' ? '—' : (PROPERTY_LABELS[String(value)] ?? String(value));
