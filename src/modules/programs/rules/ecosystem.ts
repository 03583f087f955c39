import { lifecycleOf } from '../../../platform/graph/lifecycle.js';
import { fromStored, toStored } from './benefit-values.js';

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

/** Each node type's own fields, named as in the graph package; `null`/`false` when the file leaves them out. */
export const NODE_PROPERTIES = {
  integration_partner: { integration_type: null },
  partner_revenue_share: { share_model: null, share_percentage: null },
  api_ecosystem: { api_style: null },
  developer_portal: { portal_url: null, sandbox_available: false },
} as const satisfies Record<EcosystemType, Record<string, unknown>>;

/**
 * ecosystem_nodes.properties holds the fields of NODE_PROPERTIES with unset (null) ones left out, and
 * share_percentage in basis points like percent benefit values, so no float is ever stored.
 */
export function toStoredProperties(type: EcosystemType, human: Record<string, unknown>): Record<string, unknown> {
  const stored: Record<string, unknown> = {};
  for (const field of Object.keys(NODE_PROPERTIES[type])) {
    const value = human[field];
    if (value === null || value === undefined) continue;
    stored[field] = field === 'share_percentage' ? toStored('percent', value as number) : value;
  }
  return stored;
}

export function fromStoredProperties(type: EcosystemType, stored: Record<string, unknown>): Record<string, unknown> {
  const human: Record<string, unknown> = {};
  for (const [field, unset] of Object.entries(NODE_PROPERTIES[type])) {
    const value = stored[field];
    if (value === null || value === undefined) human[field] = unset;
    else human[field] = field === 'share_percentage' ? fromStored('percent', value as number) : value;
  }
  return human;
}

/** The API speaks camelCase; files, storage and the graph use the graph's own snake_case names. */
const API_NAMES: Record<string, string> = {
  integration_type: 'integrationType',
  share_model: 'shareModel',
  share_percentage: 'sharePercentage',
  api_style: 'apiStyle',
  portal_url: 'portalUrl',
  sandbox_available: 'sandboxAvailable',
};

export type ApiProperties = Record<string, unknown>;

export function propertiesToStored(type: EcosystemType, api: ApiProperties): Record<string, unknown> {
  const human = Object.fromEntries(Object.keys(NODE_PROPERTIES[type]).map((f) => [f, api[API_NAMES[f]!]]));
  return toStoredProperties(type, human);
}

export function propertiesFromStored(type: EcosystemType, stored: Record<string, unknown>): ApiProperties {
  return Object.fromEntries(Object.entries(fromStoredProperties(type, stored)).map(([f, v]) => [API_NAMES[f]!, v]));
}

/** The graph's property names and units (percent as 0–100), unset ones left out, for the `.upg` export. */
export function graphProperties(type: EcosystemType, stored: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fromStoredProperties(type, stored)).filter(([, v]) => v !== null));
}
