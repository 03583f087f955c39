import { UPG_FORMAT_VERSION } from '@unified-product-graph/core';

/**
 * Builds the Unified Product Graph document from plain data (pure, no I/O): base fields on every node,
 * type-specific fields under `properties`, and edges named as the graph's catalog names them.
 */
export type GraphNode = {
  id: string;
  type: string;
  title: string;
  description?: string;
  status?: string;
  tags?: string[];
  properties?: Record<string, unknown>;
};

export interface GraphEdge {
  id: string;
  type: string;
  source: string;
  target: string;
}

export type GraphDocument = {
  upg_version: string;
  exported_at: string;
  source: { tool: string; tool_version: string };
  product: { id: string; title: string; description?: string };
  nodes: GraphNode[];
  edges: GraphEdge[];
};

export const EDGE_OF_TYPE: Record<string, string> = {
  partner_tier: 'partner_program_tiers_as_partner_tier',
  integration_partner: 'partner_program_includes_integration_partner',
  partner_revenue_share: 'partner_program_shares_revenue_via_partner_revenue_share',
  api_ecosystem: 'partner_program_exposes_api_ecosystem',
  developer_portal: 'partner_program_documents_developer_portal',
};
export const PRODUCT_EDGE = 'product_partnered_via_partner_program';

/** The document's root: the vendor's partner ecosystem as a whole, since a vendor may grow several products. */
export const ROOT = { id: '00000000-0000-4000-8000-000000000000', title: 'Partner ecosystem' };

export function graphDocument(nodes: GraphNode[], edges: GraphEdge[], version: string, at = new Date()): GraphDocument {
  return {
    upg_version: UPG_FORMAT_VERSION,
    exported_at: at.toISOString(),
    source: { tool: 'trellis', tool_version: version },
    product: { ...ROOT, description: 'Products, partner programs and what hangs off them, as run in Trellis' },
    nodes,
    edges,
  };
}

/** A node's neighbourhood: everything within `depth` edges of the root, whichever way the edges point. */
export function neighbourhood(nodes: GraphNode[], edges: GraphEdge[], root: string, depth: number) {
  const adjacent = new Map<string, string[]>();
  for (const e of edges) {
    adjacent.set(e.source, [...(adjacent.get(e.source) ?? []), e.target]);
    adjacent.set(e.target, [...(adjacent.get(e.target) ?? []), e.source]);
  }
  const reached = new Set([root]);
  let frontier = [root];
  for (let d = 0; d < depth && frontier.length; d++) {
    frontier = frontier.flatMap((id) => adjacent.get(id) ?? []).filter((id) => !reached.has(id));
    frontier.forEach((id) => reached.add(id));
  }
  return {
    nodes: nodes.filter((n) => reached.has(n.id)),
    edges: edges.filter((e) => reached.has(e.source) && reached.has(e.target)),
  };
}
