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

/**
 * Stored properties use the graph's own names; the share percentage is kept in basis points so no float is
 * stored. The API speaks camelCase and percentages as 0–100 numbers.
 */
export type ApiProperties = {
  integrationType?: string | null;
  shareModel?: string;
  sharePercentage?: number | null;
  apiStyle?: string | null;
  portalUrl?: string | null;
  sandboxAvailable?: boolean;
};

export function propertiesToStored(type: EcosystemType, p: ApiProperties): Record<string, unknown> {
  switch (type) {
    case 'integration_partner':
      return { integration_type: p.integrationType ?? null };
    case 'partner_revenue_share':
      return {
        share_model: p.shareModel,
        share_percentage_bp: p.sharePercentage == null ? null : Math.round(p.sharePercentage * 100),
      };
    case 'api_ecosystem':
      return { api_style: p.apiStyle ?? null };
    case 'developer_portal':
      return { portal_url: p.portalUrl ?? null, sandbox_available: p.sandboxAvailable ?? false };
  }
}

export function propertiesFromStored(type: EcosystemType, s: Record<string, unknown>): ApiProperties {
  switch (type) {
    case 'integration_partner':
      return { integrationType: (s.integration_type as string | null) ?? null };
    case 'partner_revenue_share':
      return {
        shareModel: s.share_model as string,
        sharePercentage: s.share_percentage_bp == null ? null : (s.share_percentage_bp as number) / 100,
      };
    case 'api_ecosystem':
      return { apiStyle: (s.api_style as string | null) ?? null };
    case 'developer_portal':
      return { portalUrl: (s.portal_url as string | null) ?? null, sandboxAvailable: Boolean(s.sandbox_available) };
  }
}

/** The graph's property names and units (percent as 0–100) for the `.upg` export. */
export function graphProperties(type: EcosystemType, s: Record<string, unknown>): Record<string, unknown> {
  const p = propertiesFromStored(type, s);
  const entries = {
    integration_type: p.integrationType,
    share_model: p.shareModel,
    share_percentage: p.sharePercentage,
    api_style: p.apiStyle,
    portal_url: p.portalUrl,
    sandbox_available: p.sandboxAvailable,
  };
  return Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined && v !== null));
}
