/** The Unified Product Graph document answered by GET /graph (only the fields this page reads). */

export interface GraphNode {
  id: string;
  type: string;
  title: string;
  description?: string;
  status?: string;
  tags?: string[];
  properties?: Record<string, unknown>;
}

export interface GraphEdge {
  id: string;
  type: string;
  source: string;
  target: string;
}

export interface GraphDocument {
  upg_version: string;
  exported_at: string;
  source: { tool: string; tool_version: string };
  product: { id: string; title: string };
  nodes: GraphNode[];
  edges: GraphEdge[];
}
