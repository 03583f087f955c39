import type { GraphEdge, GraphNode } from './types';

const ECOSYSTEM_TYPES = new Set(['integration_partner', 'partner_revenue_share', 'api_ecosystem', 'developer_portal']);

/**
 * Where a node is edited in the console: products and programs have their own page; everything else lives on
 * a tab of the program it hangs off. Null when that program is not among the edges given.
 */
export function pagePath(
  node: GraphNode,
  edges: readonly GraphEdge[],
  nodes: ReadonlyMap<string, GraphNode>,
): string | null {
  const id = encodeURIComponent(node.id);
  if (node.type === 'product') return `/console/products/${id}`;
  if (node.type === 'partner_program') return `/console/programs/${id}`;
  const incoming = edges.find(
    (e) =>
      e.target === node.id &&
      (nodes.get(e.source)?.type === 'partner_program' || e.type.startsWith('partner_program_')),
  );
  if (!incoming) return null;
  const tab = node.type === 'partner_tier' ? 'tiers' : ECOSYSTEM_TYPES.has(node.type) ? 'ecosystem' : null;
  return `/console/programs/${encodeURIComponent(incoming.source)}${tab ? `?tab=${tab}` : ''}`;
}
