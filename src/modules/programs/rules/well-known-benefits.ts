import type { ValueType } from './benefit-values.js';

/**
 * Benefits whose values the engines read (deal protection, commissions, MDF…), so the ladder is the one place
 * policy numbers live. A catalog entry with one of these keys must have its value type.
 */
export const WELL_KNOWN_BENEFITS = {
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
} as const satisfies Record<string, { name: string; valueType: ValueType; category: string; description: string }>;

export type BenefitKey = keyof typeof WELL_KNOWN_BENEFITS;
export const BENEFIT_KEYS = Object.keys(WELL_KNOWN_BENEFITS) as [BenefitKey, ...BenefitKey[]];

export const BENEFIT_CATEGORIES = [
  'sales',
  'financial',
  'marketing',
  'enablement',
  'support',
  'technical',
  'recognition',
] as const;
