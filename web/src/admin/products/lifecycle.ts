import type { ProductStatus } from '../../api/types';

/**
 * The moves the product lifecycle allows (the Unified Product Graph's product lifecycle, which the server
 * enforces). The edit form offers only these.
 */
const MOVES: Record<ProductStatus, ProductStatus[]> = {
  concept: ['validation', 'build', 'beta', 'launch', 'growth', 'mature', 'sunset'],
  validation: ['build', 'beta', 'launch', 'growth', 'mature', 'sunset'],
  build: ['beta', 'launch', 'growth', 'mature', 'sunset'],
  beta: ['launch', 'growth', 'mature', 'maintenance', 'sunset'],
  launch: ['growth', 'mature', 'maintenance', 'sunset'],
  growth: ['mature', 'maintenance', 'sunset'],
  mature: ['maintenance', 'sunset'],
  maintenance: ['mature', 'sunset'],
  sunset: [],
};

/** The statuses a product in `from` may take: itself, then the allowed moves. */
export function statusChoices(from: ProductStatus): ProductStatus[] {
  return [from, ...(MOVES[from] ?? [])];
}
