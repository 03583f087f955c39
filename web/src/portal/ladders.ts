import { api } from '../api/client';
import type { Ladder, Tier } from '../api/programs';

/** GET /ladders: the programs the partner may see, each with its tiers, matrix and the partner's enrollment. */
export const laddersQuery = {
  queryKey: ['ladders'],
  queryFn: () => api.get<Ladder[]>('/ladders'),
};

/** The partner's tier in a ladder, or null. */
export function currentTier(ladder: Ladder): Tier | null {
  const id = ladder.enrollment?.tierId;
  return id ? (ladder.tiers.find((t) => t.id === id) ?? null) : null;
}
