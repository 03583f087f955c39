import { getLifecycleForType } from '@unified-product-graph/core';
import { AppError } from '../errors.js';

export interface Lifecycle {
  statuses: [string, ...string[]];
  initial: string;
  /** Staying put is always fine; otherwise the lifecycle must list the move. */
  canMove(from: string, to: string): boolean;
  allowedMoves(from: string): string[];
  /** Throws `invalid_transition` naming the field and the moves that are allowed. */
  assertMove(from: string, to: string, field?: string): void;
}

/**
 * A node type's status lifecycle, taken from the Unified Product Graph package: the phases and the moves
 * between them come from there, so every status we store is one the graph export accepts.
 */
export function lifecycleOf(type: string): Lifecycle {
  const lifecycle = getLifecycleForType(type);
  if (!lifecycle) throw new Error(`the product graph package defines no lifecycle for ${type}`);
  const moves = new Map(lifecycle.phases.map((p) => [p.id, new Set<string>(p.transitions_to)]));
  const allowedMoves = (from: string) => [...(moves.get(from) ?? [])];
  const canMove = (from: string, to: string) => from === to || (moves.get(from)?.has(to) ?? false);
  return {
    statuses: lifecycle.phases.map((p) => p.id) as [string, ...string[]],
    initial: lifecycle.initial_phase,
    canMove,
    allowedMoves,
    assertMove(from, to, field = 'status') {
      if (canMove(from, to)) return;
      const message = `cannot move from ${from} to ${to}; allowed: ${allowedMoves(from).join(', ') || 'none'}`;
      throw new AppError('invalid_transition', `${field}: ${message}`, [{ field, message }]);
    },
  };
}
