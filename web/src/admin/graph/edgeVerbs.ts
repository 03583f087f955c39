/** The short verb drawn on each edge, read from its source to its target. */
const EDGE_VERBS: Record<string, string> = {
  product_partnered_via_partner_program: 'partnered via',
  partner_program_tiers_as_partner_tier: 'tiers as',
  partner_program_includes_integration_partner: 'includes',
  partner_program_shares_revenue_via_partner_revenue_share: 'shares revenue via',
  partner_program_exposes_api_ecosystem: 'exposes',
  partner_program_documents_developer_portal: 'documents',
};

export function edgeVerb(type: string): string {
  return EDGE_VERBS[type] ?? type.replace(/_/g, ' ');
}
