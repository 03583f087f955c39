import { lifecycleOf } from '../../../platform/graph/lifecycle.js';

/**
 * The graph's other nodes a program hangs together: integration partners, revenue share plans, the API
 * ecosystem and the developer portal. Statuses follow the graph package's lifecycle where it defines one.
 */
export const ECOSYSTEM_TYPES = [
  'integration_partner',
  'partner_revenue_share',
  'api_ecosystem',
  'developer_portal',
] as const;
export type EcosystemType = (typeof ECOSYSTEM_TYPES)[number];

export const ECOSYSTEM_STATUS = {
  integration_partner: lifecycleOf('integration_partner'),
  api_ecosystem: lifecycleOf('api_ecosystem'),
  developer_portal: lifecycleOf('developer_portal'),
} as const;

/** Revenue share plans have no lifecycle in the graph, so they carry no status. */
export const lifecycleOfEcosystem = (type: EcosystemType) =>
  type === 'partner_revenue_share' ? null : ECOSYSTEM_STATUS[type];

export const INTEGRATION_TYPES = ['native', 'webhook', 'api', 'embedded'] as const;
export const SHARE_MODELS = ['percentage', 'flat_fee', 'tiered', 'hybrid'] as const;
export const API_STYLES = ['rest', 'graphql', 'grpc', 'webhook', 'mixed'] as const;
