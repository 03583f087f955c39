import { nodeKind } from './nodeKinds';
import type { GraphEdge, GraphNode } from './types';

export const NODE_WIDTH = 240;
export const NODE_HEIGHT = 64;
const COLUMN_GAP = 140;
const ROW_GAP = 28;
/** Extra space between the trees of two roots, so separate products read as separate. */
const TREE_GAP = NODE_HEIGHT;

export interface Point {
  x: number;
  y: number;
}

function tierOrder(node: GraphNode): number {
  const order = node.properties?.tier_order;
  return typeof order === 'number' && Number.isFinite(order) ? order : Number.POSITIVE_INFINITY;
}

/** Siblings in a fixed order: by type, tiers by their order, then by title and id (never by arrival). */
function compareNodes(a: GraphNode, b: GraphNode): number {
  return (
    nodeKind(a.type).rank - nodeKind(b.type).rank ||
    tierOrder(a) - tierOrder(b) ||
    (a.title < b.title ? -1 : a.title > b.title ? 1 : 0) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/**
 * Top-left positions, left to right by distance from the roots (nodes nobody points to): products, then
 * their programs, then what each program holds, stacked in a column beside it with the parent centred on them.
 * A node reached from two parents sits under the first; a cycle with no root starts from its first node.
 */
export function layoutGraph(nodes: readonly GraphNode[], edges: readonly GraphEdge[]): Map<string, Point> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const targets = new Map<string, GraphNode[]>();
  const hasParent = new Set<string>();
  for (const e of edges) {
    const target = byId.get(e.target);
    if (!byId.has(e.source) || !target || e.source === e.target) continue;
    targets.set(e.source, [...(targets.get(e.source) ?? []), target]);
    hasParent.add(e.target);
  }
  for (const list of targets.values()) list.sort(compareNodes);

  const sorted = [...nodes].sort(compareNodes);
  const depth = new Map<string, number>();
  const treeChildren = new Map<string, string[]>();
  const roots: string[] = [];

  // Breadth first from every root at once, so each node's column is its shortest distance from a root.
  const visit = (starts: GraphNode[]) => {
    let frontier = starts.map((n) => n.id);
    for (const id of frontier) depth.set(id, 0);
    roots.push(...frontier);
    while (frontier.length > 0) {
      const next: string[] = [];
      for (const id of frontier) {
        for (const child of targets.get(id) ?? []) {
          if (depth.has(child.id)) continue;
          depth.set(child.id, (depth.get(id) ?? 0) + 1);
          treeChildren.set(id, [...(treeChildren.get(id) ?? []), child.id]);
          next.push(child.id);
        }
      }
      frontier = next;
    }
  };
  visit(sorted.filter((n) => !hasParent.has(n.id)));
  for (const n of sorted) if (!depth.has(n.id)) visit([n]);

  const positions = new Map<string, Point>();
  let nextY = 0;
  const place = (id: string): number => {
    const kids = treeChildren.get(id) ?? [];
    let y: number;
    if (kids.length === 0) {
      y = nextY;
      nextY += NODE_HEIGHT + ROW_GAP;
    } else {
      const ys = kids.map(place);
      y = ((ys[0] ?? 0) + (ys[ys.length - 1] ?? 0)) / 2;
    }
    positions.set(id, { x: (depth.get(id) ?? 0) * (NODE_WIDTH + COLUMN_GAP), y });
    return y;
  };
  roots.forEach((id, i) => {
    if (i > 0) nextY += TREE_GAP;
    place(id);
  });
  return positions;
}
