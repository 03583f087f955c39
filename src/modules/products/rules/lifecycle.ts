import { getLifecycleForType } from '@unified-product-graph/core';

/**
 * A product's status follows the product lifecycle of the Unified Product Graph: its phases and the moves
 * allowed between them come from the package, so the graph export stays valid by construction.
 */
const lifecycle = getLifecycleForType('product');
if (!lifecycle) throw new Error('the product graph package defines no product lifecycle');

export const PRODUCT_STATUSES = lifecycle.phases.map((p) => p.id) as [string, ...string[]];
export const DEFAULT_PRODUCT_STATUS = 'launch';

const moves = new Map(lifecycle.phases.map((p) => [p.id, new Set<string>(p.transitions_to)]));

/** Staying put is always fine; otherwise the lifecycle must list the move. */
export function canMove(from: string, to: string): boolean {
  return from === to || (moves.get(from)?.has(to) ?? false);
}

export function allowedMoves(from: string): string[] {
  return [...(moves.get(from) ?? [])];
}
