import { readFileSync } from 'node:fs';
import { requireAccess } from '../../platform/access/require-access.js';
import type { Ctx } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { packageRoot } from '../../platform/paths.js';
import { read } from '../../platform/unit-of-work.js';
import { activeProducts } from '../products/service.js';
import { programGraph } from '../programs/graph.js';
import {
  EDGE_OF_TYPE,
  type GraphDocument,
  graphDocument,
  type GraphEdge,
  type GraphNode,
  neighbourhood,
  PRODUCT_EDGE,
} from './document.js';

const version = (JSON.parse(readFileSync(`${packageRoot}/package.json`, 'utf8')) as { version: string }).version;

/** The whole graph, or the neighbourhood of one node; a projection of the domain tables, never stored. */
export async function getGraph(ctx: Ctx, query: { root?: string; depth?: number } = {}): Promise<GraphDocument> {
  requireAccess(ctx.actor, 'graph.read');
  const { nodes, edges } = await read(ctx, async (tx) => {
    const products = await activeProducts(tx);
    const programs = await programGraph(tx);
    const nodes: GraphNode[] = [
      ...products.map((p) => ({
        id: p.id,
        type: 'product',
        title: p.title,
        description: p.description,
        status: p.status,
        tags: p.tags,
        properties: { stage: p.status },
      })),
      ...programs.nodes,
    ];
    const known = new Set(nodes.map((n) => n.id));
    const edges: GraphEdge[] = [
      ...programs.productLinks
        .filter((l) => known.has(l.productId))
        .map((l) => ({
          id: `${l.productId}:${l.programId}`,
          type: PRODUCT_EDGE,
          source: l.productId,
          target: l.programId,
        })),
      ...programs.children.map((c) => ({
        id: `${c.programId}:${c.id}`,
        type: EDGE_OF_TYPE[c.type]!,
        source: c.programId,
        target: c.id,
      })),
    ];
    return { nodes, edges };
  });
  if (!query.root) return graphDocument(nodes, edges, version);
  if (!nodes.some((n) => n.id === query.root)) throw notFound('The node');
  const near = neighbourhood(nodes, edges, query.root, query.depth ?? 2);
  return graphDocument(near.nodes, near.edges, version);
}
