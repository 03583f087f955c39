import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Deal, DealDetail, ListDealsParams } from '../../api/deals';
import type { Page } from '../../api/types';
import { allPages } from '../../admin/programs/useProducts';
import { laddersQuery } from '../ladders';

/** Cache keys: lists under ['deals', 'list', …], one registration, the home page's to-dos. */
export const dealKeys = {
  list: ['deals', 'list'] as const,
  one: (id: string) => ['deals', 'one', id] as const,
  todos: ['deals', 'todos'] as const,
};

export const dealPath = (id: string) => `/portal/deals/${encodeURIComponent(id)}`;
export const editDealPath = (id: string) => `${dealPath(id)}/edit`;
export const dealApiPath = (id: string) => `/deals/${encodeURIComponent(id)}`;

export const dealQuery = (id: string) => ({
  queryKey: dealKeys.one(id),
  queryFn: () => api.get<DealDetail>(dealApiPath(id)),
});

/** Every registration the filters select, page by page (a partner's open registrations are a short list). */
export async function allDeals(params: ListDealsParams): Promise<Deal[]> {
  const out: Deal[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 10; i++) {
    const page: Page<Deal> = await api.get<Page<Deal>>('/deals', {
      ...params,
      limit: 100,
      cursor: cursor ?? undefined,
    });
    out.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return out;
}

/** After a change: the registration as the server answered it, and everything that lists registrations. */
export function useDealChanged() {
  const queryClient = useQueryClient();
  return (deal?: DealDetail) => {
    if (deal) queryClient.setQueryData(dealKeys.one(deal.id), deal);
    void queryClient.invalidateQueries({ queryKey: dealKeys.list });
    void queryClient.invalidateQueries({ queryKey: dealKeys.todos });
    // a first submission ticks the onboarding step "Register your first deal"
    void queryClient.invalidateQueries({ queryKey: ['onboardings'] });
  };
}

export interface DealProgram {
  id: string;
  name: string;
  currency: string;
  /** Whether the partner may register new deals in it now (member, and the program running). */
  open: boolean;
}

/** The programs the partner is or was a member of, with their currency; `open` ones take registrations. */
export function useDealPrograms() {
  // asked again on each use: a partner placed in a program a moment ago must find it here
  const ladders = useQuery({ ...laddersQuery, staleTime: 0 });
  const programs: DealProgram[] = (ladders.data ?? [])
    .filter((l) => l.enrollment)
    .map((l) => ({
      id: l.program.id,
      name: l.program.name,
      currency: l.program.currency,
      open: l.program.status === 'active' && l.enrollment?.status === 'active',
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return { ...ladders, programs };
}

/**
 * The vendor's products a partner may name on a registration, and those it names already (a product archived
 * since stays choosable, so that an edit does not drop it unseen).
 */
export function useProductOptions(current: { id: string; title: string }[] = []) {
  const query = useQuery({
    queryKey: ['products', 'all', 'visible'],
    queryFn: async () => (await allPages(false)).map((p) => ({ value: p.id, label: p.title })),
  });
  const listed = new Set((query.data ?? []).map((o) => o.value));
  const options = [
    ...(query.data ?? []),
    ...current.filter((p) => !listed.has(p.id)).map((p) => ({ value: p.id, label: p.title || 'Product' })),
  ];
  return { ...query, options };
}
